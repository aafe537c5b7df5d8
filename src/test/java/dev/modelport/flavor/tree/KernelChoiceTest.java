package dev.modelport.flavor.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.flavor.tree.KernelChoice.Kernel;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KernelChoiceTest {
    private static final int FEATURES = 4;

    /** A complete tree {@code depth} deep: plain numeric splits, or a categorical root. */
    private static void completeTree(TreeEnsemble.Builder builder, int depth, boolean categoricalRoot) {
        int splits = (1 << depth) - 1;
        builder.tree(2 * splits + 1);
        for (int n = 0; n < splits; n++) {
            if (n == 0 && categoricalRoot) {
                builder.categoricalSplit(n, 0, new long[] {0b1010}, 1, 2, true, MissingType.NAN);
            } else {
                builder.split(n, n % FEATURES, 0.5 * n - 1, 2 * n + 1, 2 * n + 2, n % 2 == 0, MissingType.NAN);
            }
        }
        for (int n = splits; n <= 2 * splits; n++) {
            builder.leaf(n, n);
        }
    }

    private static TreeEnsemble.Builder treesOfDepths(int... depths) {
        TreeEnsemble.Builder builder = TreeEnsemble.builder(false);
        for (int depth : depths) {
            completeTree(builder, depth, false);
        }
        return builder;
    }

    @Test
    void shallowTreesWhenEveryTreeIsPlainAndAtMostThreeDeep() {
        assertThat(KernelChoice.fitsShallow(true, 0)).isTrue();
        assertThat(KernelChoice.fitsShallow(true, 3)).isTrue();
        assertThat(KernelChoice.fitsShallow(true, 4)).isFalse();
        assertThat(KernelChoice.fitsShallow(false, 1)).isFalse();
        assertThat(treesOfDepths(0, 1, 2, 3).build().scoresColumnsAsTheyAre()).isTrue();
        assertThat(treesOfDepths(1, 2, 3, 4).build().scoresColumnsAsTheyAre()).as("one tree four deep").isFalse();
        TreeEnsemble.Builder categorical = treesOfDepths(1, 2);
        completeTree(categorical, 1, true);
        assertThat(categorical.build().scoresColumnsAsTheyAre()).as("one categorical tree").isFalse();
    }

    @Test
    void columnsWithANanAreLaidOutByRow() {
        ShallowTrees shallow = new TreeLayout(treesOfDepths(2)).shallowTrees();
        double[][] columns = {{0, 1, 2}, {0.5, -1, 3}, {0, 0, 0}, {1, 1, 1}};
        assertThat(KernelChoice.columnsAsTheyAre(shallow, columns, 3)).isTrue();
        assertThat(KernelChoice.columnsAsTheyAre(null, columns, 3)).as("trees too deep for ShallowTrees").isFalse();
        columns[1][2] = Double.NaN;
        assertThat(KernelChoice.columnsAsTheyAre(shallow, columns, 3)).isFalse();
        assertThat(KernelChoice.columnsAsTheyAre(shallow, columns, 2)).as("the NaN is beyond the rows").isTrue();
    }

    @Test
    void plainTreesUpToFourDeepWalkLevelByLevelDeeperOnesFourRowsAtATime() {
        for (int depth = 0; depth <= 4; depth++) {
            assertThat(KernelChoice.forTree(true, depth)).as("depth %d", depth).isEqualTo(Kernel.LEVEL_BY_LEVEL);
        }
        assertThat(KernelChoice.forTree(true, 5)).isEqualTo(Kernel.FOUR_ROWS);
        assertThat(KernelChoice.forTree(true, 12)).isEqualTo(Kernel.FOUR_ROWS);
        assertThat(KernelChoice.forTree(false, 1)).isEqualTo(Kernel.WALK);
        assertThat(KernelChoice.forTree(false, 6)).isEqualTo(Kernel.WALK);
        TreeEnsemble.Builder builder = treesOfDepths(0, 4, 5);
        completeTree(builder, 2, true);
        assertThat(KernelChoice.byTree(new TreeLayout(builder)))
                .containsExactly(Kernel.LEVEL_BY_LEVEL, Kernel.LEVEL_BY_LEVEL, Kernel.FOUR_ROWS, Kernel.WALK);
    }

    @Test
    void blocksOfFewerThanFourRowsWalkTreesSideBySide() {
        assertThat(KernelChoice.rowsSideBySide(1)).isFalse();
        assertThat(KernelChoice.rowsSideBySide(3)).isFalse();
        assertThat(KernelChoice.rowsSideBySide(4)).isTrue();
        assertThat(KernelChoice.rowsSideBySide(TreeEnsemble.BLOCK_ROWS)).isTrue();
    }

    @Test
    void refusesAKernelATreeCannotTake() {
        TreeEnsemble.Builder builder = treesOfDepths(2);
        completeTree(builder, 2, true);
        TreeLayout layout = new TreeLayout(builder);
        assertThatThrownBy(() -> new TreeWalks(layout, new Kernel[] {Kernel.WALK, Kernel.FOUR_ROWS}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tree 1");
        assertThatThrownBy(() -> new TreeWalks(layout, new Kernel[] {Kernel.TREES_FOR_ROW, Kernel.WALK}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tree 0");
        assertThatThrownBy(() -> new TreeWalks(layout, new Kernel[] {Kernel.WALK}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Random trees up to {@code maxDepth} deep, uneven, over {@link #FEATURES} features: plain ones
     * (numeric splits, NaN to either side or compared as 0.0, finite thresholds among them zeros of both
     * signs and values the features take), or with {@code mixed} every third one not plain
     * (categorical, zero-as-missing or a NaN threshold).
     */
    private static TreeEnsemble.Builder randomTrees(Random random, int count, int maxDepth, boolean mixed) {
        double[] thresholds = {0.0, -0.0, 0.5, 1.0, 2.0, -1.0};
        TreeEnsemble.Builder builder = TreeEnsemble.builder(random.nextBoolean());
        int splits = (1 << maxDepth) - 1;
        for (int t = 0; t < count; t++) {
            builder.tree(2 * splits + 1);
            boolean plain = !mixed || t % 3 != 2;
            for (int n = 0; n < splits; n++) {
                if (t % 9 == 8 && n == 0 || n > 0 && random.nextInt(4) == 0) {
                    builder.leaf(n, random.nextGaussian());
                    continue;
                }
                int feature = random.nextInt(FEATURES);
                boolean defaultLeft = random.nextBoolean();
                double threshold = random.nextBoolean() ? thresholds[random.nextInt(thresholds.length)] : random.nextGaussian();
                if (plain) {
                    builder.split(n, feature, threshold, 2 * n + 1, 2 * n + 2, defaultLeft,
                            random.nextBoolean() ? MissingType.NAN : MissingType.NONE);
                } else if (n % 3 == 0) {
                    builder.categoricalSplit(n, feature, new long[] {random.nextLong()}, 2 * n + 1, 2 * n + 2, defaultLeft, MissingType.NAN);
                } else {
                    builder.split(n, feature, n % 3 == 1 ? threshold : Double.NaN, 2 * n + 1, 2 * n + 2, defaultLeft, MissingType.ZERO);
                }
            }
            for (int n = splits; n <= 2 * splits; n++) {
                builder.leaf(n, random.nextGaussian());
            }
        }
        return builder;
    }

    private static double[][] randomColumns(Random random, int rows, boolean withNan) {
        double[] special = {0.0, -0.0, 0.5, 1.0, 2.0, -1.0, 3, 40, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        double[][] columns = new double[FEATURES][rows];
        for (double[] column : columns) {
            for (int r = 0; r < rows; r++) {
                column[r] = withNan && random.nextInt(8) == 0 ? Double.NaN
                        : random.nextBoolean() ? special[random.nextInt(special.length)] : (float) random.nextGaussian();
            }
        }
        return columns;
    }

    /** The leaf value of every tree for every row, {@code [r * trees + t]}, by one tree and row at a time through walk(). */
    private static double[] walked(TreeLayout layout, FeatureMatrix x) {
        TreeWalks walks = new TreeWalks(layout, KernelChoice.byTree(layout));
        int trees = layout.treeCount();
        double[] leaves = new double[x.rows() * trees];
        for (int r = 0; r < x.rows(); r++) {
            for (int t = 0; t < trees; t++) {
                leaves[r * trees + t] = layout.value[walks.walk(t, x.values(), r * x.columns())];
            }
        }
        return leaves;
    }

    /** The same through {@code walks}' block kernels, in blocks of {@code blockRows} rows. */
    private static double[] inBlocks(TreeWalks walks, FeatureMatrix x, int blockRows) {
        int trees = walks.treeCount();
        double[] leaves = new double[x.rows() * trees];
        double[] out = new double[blockRows * trees];
        RowBlock block = new RowBlock(x, blockRows);
        for (int start = 0; start < x.rows(); start += blockRows) {
            int end = Math.min(x.rows(), start + blockRows);
            block.select(start, end);
            walks.leafValues(block, 0, trees, out);
            for (int r = start; r < end; r++) {
                for (int t = 0; t < trees; t++) {
                    leaves[r * trees + t] = out[t * (end - start) + r - start];
                }
            }
        }
        return leaves;
    }

    /** Tree t's kernel {@code kernel} where it can take it, else WALK. */
    private static TreeWalks forced(TreeLayout layout, Kernel kernel) {
        Kernel[] kernels = new Kernel[layout.treeCount()];
        for (int t = 0; t < kernels.length; t++) {
            kernels[t] = layout.plain[t] ? kernel : Kernel.WALK;
        }
        return new TreeWalks(layout, kernels);
    }

    @Test
    void everyWalkFindsTheSameLeaves() {
        Random random = new Random(17);
        for (int maxDepth : new int[] {1, 3, 4, 5, 7}) {
            for (boolean mixed : new boolean[] {false, true}) {
                TreeLayout layout = new TreeLayout(randomTrees(random, 40, maxDepth, mixed));
                for (int rows : new int[] {1, 3, 4, 7, 64, 70}) {
                    FeatureMatrix x = FeatureMatrix.fromColumns(randomColumns(random, rows, true), rows);
                    double[] expected = walked(layout, x);
                    String what = String.format("depth <= %d, mixed %s, %d rows", maxDepth, mixed, rows);
                    for (Kernel kernel : new Kernel[] {Kernel.LEVEL_BY_LEVEL, Kernel.FOUR_ROWS, Kernel.WALK}) {
                        assertThat(inBlocks(forced(layout, kernel), x, TreeEnsemble.BLOCK_ROWS)).as("%s, %s", kernel, what)
                                .containsExactly(expected);
                    }
                    TreeWalks chosen = new TreeWalks(layout, KernelChoice.byTree(layout));
                    for (int blockRows = 1; blockRows < KernelChoice.LANES; blockRows++) {
                        assertThat(inBlocks(chosen, x, blockRows)).as("TREES_FOR_ROW in blocks of %d, %s", blockRows, what)
                                .containsExactly(expected);
                    }
                    assertThat(inBlocks(chosen, x, TreeEnsemble.BLOCK_ROWS)).as("as chosen, %s", what).containsExactly(expected);
                }
            }
        }
    }

    @Test
    void shallowTreesFindTheSameLeavesAsTheWalks() {
        Random random = new Random(23);
        for (int maxDepth = 1; maxDepth <= ShallowTrees.MAX_DEPTH; maxDepth++) {
            TreeLayout layout = new TreeLayout(randomTrees(random, 30, maxDepth, false));
            assertThat(KernelChoice.shallow(layout)).isTrue();
            ShallowTrees shallow = layout.shallowTrees();
            int trees = layout.treeCount();
            for (int rows : new int[] {1, 5, 256, 300}) {
                double[][] columns = randomColumns(random, rows, false);
                FeatureMatrix x = FeatureMatrix.fromColumns(columns, rows);
                double[] expected = walked(layout, x);
                // as many classes as trees: tree t's leaf value goes alone to scores[r * trees + t]
                double[] leaves = new double[rows * trees];
                shallow.addLeafValues(columns, rows, trees, leaves);
                assertThat(leaves).as("depth <= %d, %d rows", maxDepth, rows).containsExactly(expected);
                for (Kernel kernel : new Kernel[] {Kernel.LEVEL_BY_LEVEL, Kernel.FOUR_ROWS, Kernel.WALK}) {
                    assertThat(inBlocks(forced(layout, kernel), x, TreeEnsemble.BLOCK_ROWS)).as("%s, depth <= %d", kernel, maxDepth)
                            .containsExactly(leaves);
                }
                assertThat(inBlocks(new TreeWalks(layout, KernelChoice.byTree(layout)), x, 1)).as("TREES_FOR_ROW").containsExactly(leaves);
            }
        }
    }

    @Test
    void sumLeavesHandsOnEveryRowAndTreeOnceInTreeOrder() {
        Random random = new Random(29);
        TreeEnsemble trees = randomTrees(random, 300, 4, true).build();
        int rows = 131;
        FeatureMatrix x = FeatureMatrix.fromColumns(randomColumns(random, rows, true), rows);
        for (int toTree : new int[] {0, 1, 128, 250, 300}) {
            int[] seen = new int[rows * toTree];
            int[] nextTree = new int[rows];
            trees.sumLeaves(x, toTree, (leaves, start, end, from, to) -> {
                for (int r = start; r < end; r++) {
                    assertThat(from).as("row %d's next tree", r).isEqualTo(nextTree[r]);
                    for (int t = from; t < to; t++) {
                        seen[r * toTree + t]++;
                        assertThat(leaves[(t - from) * (end - start) + r - start])
                                .isEqualTo(trees.leafValue(trees.leaf(t, x.values(), r * FEATURES)));
                    }
                    nextTree[r] = to;
                }
            });
            assertThat(Arrays.stream(seen).allMatch(times -> times == 1)).as("trees 0..%d", toTree).isTrue();
            assertThat(nextTree).containsOnly(toTree);
        }
        assertThatThrownBy(() -> trees.sumLeaves(x, 301, (leaves, start, end, from, to) -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
