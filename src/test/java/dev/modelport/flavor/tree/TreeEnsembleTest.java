package dev.modelport.flavor.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.data.DoubleColumn;
import dev.modelport.data.Frame;
import dev.modelport.data.ObjectColumn;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TreeEnsembleTest {

    /** root: x0 < 0.1f ? leaf 1 : leaf 2; NaN goes to the default child. */
    private static TreeEnsemble stump(boolean defaultLeft, MissingType missing) {
        return TreeEnsemble.builder(false).tree(3)
                .split(0, 0, 0.1f, 1, 2, defaultLeft, missing)
                .leaf(1, -1).leaf(2, 1)
                .build();
    }

    private static double predict(TreeEnsemble trees, double... row) {
        return trees.leafValue(trees.leaf(0, row, 0));
    }

    @Test
    void goesLeftOnlyWhenStrictlyBelowTheThreshold() {
        TreeEnsemble trees = stump(true, MissingType.NAN);
        assertThat(predict(trees, Math.nextDown((double) 0.1f))).isEqualTo(-1);
        assertThat(predict(trees, (double) 0.1f)).isEqualTo(1);
    }

    @Test
    void float32InputRoundingDecidesLikeXgboost() {
        // 0.1 as a double is below 0.1f, but rounds to 0.1f: XGBoost compares the float, so it goes right
        Frame frame = Frame.of(List.of("x"), List.of(DoubleColumn.of(0.1)));
        assertThat(predict(stump(true, MissingType.NAN), FeatureMatrix.fromFrame(frame, true).values())).isEqualTo(1);
        assertThat(predict(stump(true, MissingType.NAN), FeatureMatrix.fromFrame(frame, false).values())).isEqualTo(-1);
    }

    @Test
    void nanTakesTheDefaultDirection() {
        assertThat(predict(stump(true, MissingType.NAN), Double.NaN)).isEqualTo(-1);
        assertThat(predict(stump(false, MissingType.NAN), Double.NaN)).isEqualTo(1);
    }

    @Test
    void withoutMissingTypeNanIsComparedAsZero() {
        TreeEnsemble trees = TreeEnsemble.builder(true).tree(3).split(0, 0, -0.5, 1, 2, false, MissingType.NONE)
                .leaf(1, -1).leaf(2, 1).build();
        assertThat(predict(trees, Double.NaN)).isEqualTo(1);
        assertThat(predict(trees, -1)).isEqualTo(-1);
    }

    @Test
    void zeroMissingTypeSendsZeroAndNanToTheDefaultChild() {
        TreeEnsemble trees = TreeEnsemble.builder(true).tree(3).split(0, 0, 0.5, 1, 2, false, MissingType.ZERO)
                .leaf(1, -1).leaf(2, 1).build();
        assertThat(predict(trees, 0.0)).isEqualTo(1);
        assertThat(predict(trees, Double.NaN)).isEqualTo(1);
        assertThat(predict(trees, 0.25)).isEqualTo(-1);
    }

    @Test
    void categoricalSplitsTestSetMembershipAndSendOtherValuesToTheOutChild() {
        long[] bits = {(1L << 1) | (1L << 4)};
        // XGBoost: a category in the set goes right; LightGBM: left
        TreeEnsemble xgb = TreeEnsemble.builder(false).tree(3).categoricalSplit(0, 0, bits, 1, 2, true, MissingType.NAN)
                .leaf(1, -1).leaf(2, 1).build();
        TreeEnsemble lgb = TreeEnsemble.builder(true).tree(3).categoricalSplit(0, 0, bits, 1, 2, false, MissingType.NONE)
                .leaf(1, -1).leaf(2, 1).build();
        assertThat(predict(xgb, 4)).isEqualTo(1);
        assertThat(predict(xgb, 4.7)).isEqualTo(1);
        assertThat(predict(xgb, 3)).isEqualTo(-1);
        assertThat(predict(xgb, -1)).isEqualTo(-1);
        assertThat(predict(xgb, 1000)).isEqualTo(-1);
        assertThat(predict(xgb, Double.NaN)).isEqualTo(-1);
        assertThat(predict(lgb, 1)).isEqualTo(-1);
        assertThat(predict(lgb, 2)).isEqualTo(1);
        assertThat(predict(lgb, Double.NaN)).isEqualTo(1);
        assertThat(predict(lgb, -3)).isEqualTo(1);
    }

    /** Random trees of depth 0 to 4 over 3 features: numeric splits with every missing type, every 11th tree categorical. */
    private static TreeEnsemble randomTrees(Random random, int count) {
        TreeEnsemble.Builder builder = TreeEnsemble.builder(true);
        MissingType[] missing = MissingType.values();
        for (int t = 0; t < count; t++) {
            builder.tree(31);
            boolean categoricalTree = t % 11 == 10;
            for (int n = 0; n < 15; n++) {
                if (t % 9 == 8 && n == 0 || n > 0 && random.nextInt(4) == 0) { // uneven depths, a root that is a leaf
                    builder.leaf(n, random.nextGaussian());
                    continue;
                }
                int feature = random.nextInt(3);
                boolean defaultLeft = random.nextBoolean();
                MissingType type = categoricalTree ? MissingType.NAN
                        : t % 7 == 6 ? missing[random.nextInt(missing.length)] : random.nextBoolean() ? MissingType.NAN : MissingType.NONE;
                if (categoricalTree && n % 2 == 0) {
                    builder.categoricalSplit(n, feature, new long[] {random.nextLong()}, 2 * n + 1, 2 * n + 2, defaultLeft, type);
                } else {
                    builder.split(n, feature, random.nextGaussian(), 2 * n + 1, 2 * n + 2, defaultLeft, type);
                }
            }
            for (int n = 15; n < 31; n++) {
                builder.leaf(n, random.nextGaussian());
            }
        }
        return builder.build();
    }

    @Test
    void leafValuesOfABlockAreWhatEachTreePredictsForEachRow() {
        Random random = new Random(5);
        TreeEnsemble trees = randomTrees(random, 23);
        for (int rows : new int[] {1, 2, 3, 4, 7, 64, 70}) {
            double[] values = new double[rows * 3];
            for (int i = 0; i < values.length; i++) {
                int kind = random.nextInt(8);
                values[i] = kind == 0 ? Double.NaN : kind == 1 ? 0.0 : kind == 2 ? random.nextInt(70) : random.nextGaussian();
            }
            FeatureMatrix matrix = new FeatureMatrix(values, rows, 3);
            RowBlock block = new RowBlock(matrix, 64);
            for (int start = 0; start < rows; start += 64) {
                int end = Math.min(rows, start + 64);
                block.select(start, end);
                for (int[] span : new int[][] {{0, 23}, {3, 11}, {20, 23}}) {
                    double[] out = new double[(end - start) * (span[1] - span[0])];
                    trees.leafValues(block, span[0], span[1], out);
                    for (int t = span[0]; t < span[1]; t++) {
                        for (int r = start; r < end; r++) {
                            assertThat(out[(t - span[0]) * (end - start) + r - start]).as("tree %d row %d of %d", t, r, rows)
                                    .isEqualTo(trees.leafValue(trees.leaf(t, values, r * 3)));
                        }
                    }
                }
            }
        }
    }

    /** Plain trees of depth 0 to 3, uneven, whose thresholds include zeros of both signs and values the features take. */
    private static TreeEnsemble randomShallowTrees(Random random, int count, double infiniteThreshold) {
        double[] thresholds = {0.0, -0.0, 0.5, 1.0, 2.0, -1.0};
        TreeEnsemble.Builder builder = TreeEnsemble.builder(true);
        for (int t = 0; t < count; t++) {
            builder.tree(15);
            for (int n = 0; n < 7; n++) {
                if (t % 9 == 8 && n == 0 || n > 0 && random.nextInt(4) == 0) {
                    builder.leaf(n, random.nextGaussian());
                    continue;
                }
                double threshold = t == count - 1 && n == 0 ? infiniteThreshold
                        : random.nextBoolean() ? thresholds[random.nextInt(thresholds.length)] : random.nextGaussian();
                builder.split(n, random.nextInt(4), threshold, 2 * n + 1, 2 * n + 2, random.nextBoolean(), MissingType.NAN);
            }
            for (int n = 7; n < 15; n++) {
                builder.leaf(n, random.nextGaussian());
            }
        }
        return builder.build();
    }

    private static double[][] randomColumns(Random random, int rows, boolean withNan) {
        double[] special = {0.0, -0.0, 0.5, 1.0, 2.0, -1.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        double[][] columns = new double[4][rows];
        for (double[] column : columns) {
            for (int r = 0; r < rows; r++) {
                column[r] = random.nextBoolean() ? special[random.nextInt(special.length)] : (float) random.nextGaussian();
            }
        }
        if (withNan) {
            columns[random.nextInt(4)][random.nextInt(rows)] = Double.NaN;
        }
        return columns;
    }

    @Test
    void shallowTreesScoreColumnsAsTheyAreAndAgreeWithTheWalk() {
        Random random = new Random(11);
        TreeEnsemble shallow = randomShallowTrees(random, 40, 3.0);
        TreeEnsemble infinite = randomShallowTrees(random, 40, Double.POSITIVE_INFINITY);
        assertThat(shallow.scoresColumnsAsTheyAre()).isTrue();
        assertThat(infinite.scoresColumnsAsTheyAre()).isFalse();
        assertThat(randomTrees(random, 5).scoresColumnsAsTheyAre()).as("deeper trees").isFalse();
        for (TreeEnsemble trees : List.of(shallow, infinite)) {
            for (int classes : new int[] {1, 3}) {
                for (int rows : new int[] {1, 5, 256, 600}) {
                    for (boolean withNan : new boolean[] {false, true}) {
                        double[][] columns = randomColumns(random, rows, withNan);
                        double[] expected = new double[rows * classes];
                        double[] actual = new double[rows * classes];
                        for (int i = 0; i < expected.length; i++) {
                            expected[i] = actual[i] = random.nextGaussian();
                        }
                        trees.addLeafValues(FeatureMatrix.fromColumns(columns, rows), classes, expected);
                        trees.addLeafValues(columns, rows, classes, actual);
                        assertThat(actual).as("%d classes, %d rows, NaN %s", classes, rows, withNan).containsExactly(expected);
                    }
                }
            }
        }
    }

    @Test
    void treesThatAreOneLeafNeedNoFeatures() {
        TreeEnsemble trees = TreeEnsemble.builder(false).tree(1).leaf(0, 2).tree(1).leaf(0, 3).build();
        for (int rows : new int[] {1, 4}) {
            RowBlock block = new RowBlock(new FeatureMatrix(new double[0], rows, 0), rows);
            block.select(0, rows);
            double[] out = new double[2 * rows];
            trees.leafValues(block, 0, 2, out);
            assertThat(out).containsOnly(2, 3).startsWith(2).endsWith(3);
        }
    }

    @Test
    void aNanThresholdSendsEveryNumberRightInBlocksToo() {
        TreeEnsemble trees = stump(true, MissingType.NAN);
        TreeEnsemble nan = TreeEnsemble.builder(false).tree(3).split(0, 0, Double.NaN, 1, 2, true, MissingType.NAN)
                .leaf(1, -1).leaf(2, 1).build();
        double[] values = {-5, 0, 5, Double.NaN};
        RowBlock block = new RowBlock(new FeatureMatrix(values, 4, 1), 4);
        block.select(0, 4);
        double[] out = new double[4];
        nan.leafValues(block, 0, 1, out);
        assertThat(out).containsExactly(1, 1, 1, -1);
        trees.leafValues(block, 0, 1, out);
        assertThat(out).containsExactly(-1, -1, 1, -1);
    }

    @Test
    void refusesATreeThatReachesANodeTwice() {
        TreeEnsemble.Builder cyclic = TreeEnsemble.builder(false).tree(3)
                .split(0, 0, 1, 1, 2, true, MissingType.NAN)
                .split(1, 0, 1, 2, 2, true, MissingType.NAN);
        assertThatThrownBy(cyclic::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    }

    @Test
    void refusesChildrenOutsideTheTree() {
        assertThatThrownBy(() -> TreeEnsemble.builder(false).tree(3).split(0, 0, 1, 1, 3, true, MissingType.NAN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TreeEnsemble.builder(false).tree(3).split(0, 0, 1, 0, 2, true, MissingType.NAN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reportsNonNumericColumnsByName() {
        Frame frame = Frame.of(List.of("a", "b"), List.of(DoubleColumn.of(1), ObjectColumn.of("x")));
        assertThatThrownBy(() -> FeatureMatrix.fromFrame(frame, false))
                .isInstanceOfSatisfying(FeatureMatrix.NonNumericColumnException.class, e -> assertThat(e.column()).isEqualTo("b"));
    }
}
