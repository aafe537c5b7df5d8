package dev.modelport.flavor.sklearn;

import dev.modelport.data.Tensor;
import dev.modelport.flavor.sklearn.pickle.NdArray;
import dev.modelport.flavor.sklearn.pickle.PyObject;
import dev.modelport.flavor.tree.MissingType;
import dev.modelport.flavor.tree.TreeEnsemble;
import java.util.List;

/**
 * HistGradientBoostingClassifier / HistGradientBoostingRegressor: {@code _baseline_prediction} plus
 * the leaf value of every {@code TreePredictor}, iteration by iteration, through the loss's inverse
 * link. The predictors become one shared {@link TreeEnsemble}: a numeric split {@code x <= t} is
 * {@code x < nextUp(t)}, NaN follows {@code missing_go_to_left}, and a categorical split's left set
 * also holds, when missing values go left, every category unknown at fit time (scikit-learn sends
 * unknown and negative categories the way of missing values).
 */
final class HistGradientBoosting implements Estimator {
    private static final int BITSET_WORDS = 8;

    /** The inverse link of the {@code _loss} object. */
    private enum Link {
        IDENTITY, LOG, LOGIT, MULTINOMIAL;

        static Link of(EstimatorState s, PyObject loss) {
            String simple = loss.className().substring(loss.className().lastIndexOf('.') + 1);
            return switch (simple) {
                case "HalfSquaredError", "AbsoluteError", "PinballLoss" -> IDENTITY;
                case "HalfPoissonLoss", "HalfGammaLoss", "HalfTweedieLoss" -> LOG;
                case "HalfBinomialLoss" -> LOGIT;
                case "HalfMultinomialLoss" -> MULTINOMIAL;
                default -> throw s.unsupported("loss " + simple);
            };
        }
    }

    private final String name;
    private final InputCheck check;
    private final Link link;
    private final TreeEnsemble trees;
    private final int k;
    private final double[] baseline;
    private final ClassLabels classes;

    private HistGradientBoosting(EstimatorState s, boolean classifier) {
        this.name = s.shortName();
        this.check = InputCheck.of(s);
        this.link = Link.of(s, s.pyObject("_loss"));
        this.k = (int) s.integer("n_trees_per_iteration_");
        this.baseline = s.array("_baseline_prediction").doubles();
        if (k < 1 || baseline.length != k) {
            throw s.invalid("_baseline_prediction", "does not hold one value per tree of an iteration");
        }
        int nFeatures = (int) s.integer("_n_features");
        long[][] known = knownCategories(s, nFeatures);
        TreeEnsemble.Builder builder = TreeEnsemble.builder(true);
        List<?> iterations = s.list("_predictors");
        for (Object iteration : iterations) {
            if (!(iteration instanceof List<?> predictors) || predictors.size() != k) {
                throw s.invalid("_predictors", "holds an iteration without " + k + " predictors");
            }
            for (Object predictor : predictors) {
                addTree(s, builder, predictor, known, nFeatures);
            }
        }
        this.trees = builder.build();
        if (classifier) {
            this.classes = ClassLabels.of(s.array("classes_"));
            int expected = classes.size() <= 2 ? 1 : classes.size();
            if (k != expected || (link == Link.MULTINOMIAL) != (k > 1) || link != Link.LOGIT && link != Link.MULTINOMIAL) {
                throw s.invalid("_loss", "does not fit " + classes.size() + " classes with " + k + " trees per iteration");
            }
        } else {
            this.classes = null;
            if (k != 1 || link == Link.LOGIT || link == Link.MULTINOMIAL) {
                throw s.invalid("_loss", "is not a regression loss");
            }
        }
    }

    static HistGradientBoosting classifier(EstimatorState s) {
        return new HistGradientBoosting(s, true);
    }

    static HistGradientBoosting regressor(EstimatorState s) {
        return new HistGradientBoosting(s, false);
    }

    /** {@code _bin_mapper.make_known_categories_bitsets()}: per categorical feature, the categories seen at fit (null otherwise). */
    private static long[][] knownCategories(EstimatorState s, int nFeatures) {
        long[][] known = new long[nFeatures][];
        if (s.optionalArray("is_categorical_").isEmpty()) {
            return known;
        }
        long[] categorical = s.array("is_categorical_").longs();
        EstimatorState mapper = new EstimatorState(s.pyObject("_bin_mapper"));
        List<?> thresholds = mapper.list("bin_thresholds_");
        if (categorical.length != nFeatures || thresholds.size() != nFeatures) {
            throw s.invalid("is_categorical_", "does not have one entry per feature");
        }
        for (int f = 0; f < nFeatures; f++) {
            if (categorical[f] == 0) {
                continue;
            }
            if (!(thresholds.get(f) instanceof NdArray categories)) {
                throw mapper.invalid("bin_thresholds_", "holds a non-array for categorical feature " + f);
            }
            known[f] = new long[BITSET_WORDS / 2];
            for (double c : categories.doubles()) {
                if (!(c >= 0 && c < 256)) {
                    throw mapper.invalid("bin_thresholds_", "holds category " + c + " outside 0..255");
                }
                known[f][(int) c >>> 6] |= 1L << (int) c;
            }
        }
        return known;
    }

    private static void addTree(EstimatorState s, TreeEnsemble.Builder builder, Object predictor, long[][] known, int nFeatures) {
        if (!(predictor instanceof PyObject p) || !p.className().endsWith(".TreePredictor")) {
            throw s.invalid("_predictors", "holds a non-TreePredictor");
        }
        EstimatorState t = new EstimatorState(p);
        NdArray nodes = t.array("nodes");
        int n = nodes.size();
        double[] value = nodes.fieldDoubles("value");
        long[] feature = nodes.fieldLongs("feature_idx");
        double[] threshold = nodes.fieldDoubles("num_threshold");
        long[] missingLeft = nodes.fieldLongs("missing_go_to_left");
        long[] left = nodes.fieldLongs("left");
        long[] right = nodes.fieldLongs("right");
        long[] leaf = nodes.fieldLongs("is_leaf");
        long[] categorical = nodes.fieldLongs("is_categorical");
        long[] bitsetIdx = nodes.fieldLongs("bitset_idx");
        NdArray rawBitsets = t.array("raw_left_cat_bitsets");
        long[] raw = rawBitsets.longs();
        int nBitsets = rawBitsets.ndim() == 2 ? rawBitsets.dim(0) : 0;
        try {
            builder.tree(n);
            for (int i = 0; i < n; i++) {
                if (leaf[i] != 0) {
                    builder.leaf(i, value[i]);
                    continue;
                }
                int f = (int) feature[i];
                if (f < 0 || f >= nFeatures) {
                    throw t.invalid("nodes", "node " + i + " splits on feature " + f + " of " + nFeatures);
                }
                boolean missingGoesLeft = missingLeft[i] != 0;
                if (categorical[i] == 0) {
                    builder.split(i, f, Math.nextUp(threshold[i]), (int) left[i], (int) right[i], missingGoesLeft, MissingType.NAN);
                    continue;
                }
                if (bitsetIdx[i] < 0 || bitsetIdx[i] >= nBitsets || known[f] == null) {
                    throw t.invalid("nodes", "node " + i + " is a categorical split without its category sets");
                }
                long[] leftSet = new long[BITSET_WORDS / 2];
                for (int w = 0; w < BITSET_WORDS; w++) {
                    leftSet[w / 2] |= (raw[(int) bitsetIdx[i] * BITSET_WORDS + w] & 0xFFFFFFFFL) << (32 * (w % 2));
                }
                if (missingGoesLeft) {
                    // Unknown, negative and NaN categories go left: store the right set, children swapped,
                    // so that whatever is outside the stored set lands on the (HGB) left child.
                    long[] rightSet = new long[leftSet.length];
                    for (int w = 0; w < leftSet.length; w++) {
                        rightSet[w] = known[f][w] & ~leftSet[w];
                    }
                    builder.categoricalSplit(i, f, rightSet, (int) right[i], (int) left[i], false, MissingType.NAN);
                } else {
                    for (int w = 0; w < leftSet.length; w++) {
                        leftSet[w] &= known[f][w];
                    }
                    builder.categoricalSplit(i, f, leftSet, (int) left[i], (int) right[i], false, MissingType.NAN);
                }
            }
        } catch (IllegalArgumentException e) {
            throw t.invalid("nodes", "is not a tree: " + e.getMessage());
        }
    }

    @Override
    public String name() {
        return name;
    }

    /** {@code _validate_data(X, dtype=float64, force_all_finite=False)}: NaN and infinities are values like any other. */
    private double[][] validate(Table x) {
        check.checkNames(x);
        double[][] cols = new double[x.width()][];
        for (int j = 0; j < cols.length; j++) {
            cols[j] = InputCheck.toDoubles(x.columns().get(j));
        }
        check.checkSamples(x);
        check.checkFeatureCount(x.width());
        return cols;
    }

    /** {@code _raw_predict}: row-major (n, k). */
    private double[] raw(Table x) {
        double[][] cols = validate(x);
        int n = x.rows();
        double[] raw = new double[n * k];
        for (int i = 0; i < n; i++) {
            System.arraycopy(baseline, 0, raw, i * k, k);
        }
        trees.addLeafValues(cols, n, k, raw);
        return raw;
    }

    private double[] proba(double[] raw, int n) {
        if (link == Link.MULTINOMIAL) {
            Activations.softmax(raw, n, k);
            return raw;
        }
        double[] p = new double[n * 2];
        for (int i = 0; i < n; i++) {
            p[i * 2 + 1] = Activations.expit(raw[i]);
            p[i * 2] = 1 - p[i * 2 + 1];
        }
        return p;
    }

    @Override
    public Tensor predict(Table x) {
        double[] raw = raw(x);
        int n = x.rows();
        if (classes == null) {
            if (link == Link.LOG) {
                for (int i = 0; i < n; i++) {
                    raw[i] = Math.exp(raw[i]);
                }
            }
            return Activations.vector(raw);
        }
        double[] p = proba(raw, n);
        return classes.take(Activations.argmaxRows(p, n, p.length / n));
    }

    @Override
    public Tensor predictProba(Table x) {
        if (classes == null) {
            throw missing("predict_proba");
        }
        int n = x.rows();
        double[] p = proba(raw(x), n);
        return Activations.matrix(p, n, p.length / n);
    }

    /** Unlike most classifiers, HistGradientBoostingClassifier has no predict_log_proba. */
    @Override
    public Tensor predictLogProba(Table x) {
        throw missing("predict_log_proba");
    }

    @Override
    public Tensor decisionFunction(Table x) {
        if (classes == null) {
            throw missing("decision_function");
        }
        double[] raw = raw(x);
        return k == 1 ? Activations.vector(raw) : Activations.matrix(raw, x.rows(), k);
    }
}
