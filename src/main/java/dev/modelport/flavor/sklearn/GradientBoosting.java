package dev.modelport.flavor.sklearn;

import dev.modelport.data.Tensor;
import dev.modelport.flavor.sklearn.pickle.NdArray;
import dev.modelport.flavor.tree.MissingType;
import dev.modelport.flavor.tree.TreeEnsemble;
import dev.modelport.flavor.sklearn.pickle.PyObject;

/**
 * GradientBoostingClassifier / GradientBoostingRegressor: init raw predictions from the Dummy
 * {@code init_} (or zero) as the loss computes them, plus {@code learning_rate * leaf value} of
 * every stage's trees, in stage order (as {@code predict_stages} adds them). The trees are one
 * shared {@link TreeEnsemble}: {@code x <= t} goes left here, so its right-hand test is
 * {@code x >= nextUp(t)}; NaN never reaches it (the input check refuses it, as scikit-learn does).
 */
final class GradientBoosting implements Estimator {
    private static final double FLOAT32_EPS = Math.ulp(1.0f);

    /** The loss objects that can appear in {@code _loss}. */
    private enum Loss {
        BINOMIAL, MULTINOMIAL, EXPONENTIAL, REGRESSION;

        static Loss of(EstimatorState s, String className) {
            String simple = className.substring(className.lastIndexOf('.') + 1);
            return switch (simple) {
                case "BinomialDeviance" -> BINOMIAL;
                case "MultinomialDeviance" -> MULTINOMIAL;
                case "ExponentialLoss" -> EXPONENTIAL;
                case "LeastSquaresError", "LeastAbsoluteError", "HuberLossFunction", "QuantileLossFunction" -> REGRESSION;
                default -> throw s.unsupported("loss " + simple);
            };
        }
    }

    private final String name;
    private final InputCheck check;
    private final Loss loss;
    private final int k;
    private final TreeEnsemble trees;
    private final double learningRate;
    /** Null when init_ is 'zero'. */
    private final Dummy init;
    private final ClassLabels classes;

    private GradientBoosting(EstimatorState s, boolean classifier) {
        this.name = s.shortName();
        this.check = InputCheck.of(s);
        this.loss = Loss.of(s, s.pyObject("_loss").className());
        this.learningRate = s.number("learning_rate");
        NdArray estimators = s.array("estimators_");
        if (estimators.ndim() != 2) {
            throw s.invalid("estimators_", "is not 2-D");
        }
        this.k = estimators.dim(1);
        TreeEnsemble.Builder builder = TreeEnsemble.builder(true);
        for (Object cell : estimators.elements()) { // stage by stage, k trees each: tree i adds to class i % k
            if (!(cell instanceof PyObject tree)) {
                throw s.invalid("estimators_", "holds a non-estimator");
            }
            addTree(builder, FlatTree.of(new EstimatorState(tree).get("tree_")), learningRate);
        }
        this.trees = builder.build();
        Object initObject = s.get("init_");
        if (initObject instanceof String z && z.equals("zero")) {
            this.init = null;
        } else if (initObject instanceof PyObject p && p.className().startsWith("sklearn.dummy.")) {
            EstimatorState is = new EstimatorState(p);
            this.init = p.className().endsWith("DummyClassifier") ? Dummy.classifier(is) : Dummy.regressor(is);
        } else {
            throw s.unsupported("init estimator " + initObject);
        }
        if (classifier) {
            this.classes = ClassLabels.of(s.array("classes_"));
            int expected = classes.size() == 2 ? 1 : classes.size();
            if (k != expected || (loss == Loss.MULTINOMIAL) != (k > 1) || loss == Loss.REGRESSION) {
                throw s.invalid("estimators_", "has " + k + " trees per stage for " + classes.size() + " classes");
            }
            if (init != null && !init.isClassifier()) {
                throw s.invalid("init_", "is not a classifier");
            }
        } else {
            this.classes = null;
            if (loss != Loss.REGRESSION || k != 1 || init != null && init.isClassifier()) {
                throw s.invalid("_loss", "is not a regression loss");
            }
        }
    }

    /** A regression tree of one value per leaf, its leaves scaled as {@code predict_stages} scales them. */
    private static void addTree(TreeEnsemble.Builder builder, FlatTree tree, double scale) {
        int n = tree.left.length;
        builder.tree(n);
        for (int i = 0; i < n; i++) {
            if (tree.left[i] == -1) {
                builder.leaf(i, scale * tree.values[tree.valueOffset(i)]);
            } else {
                builder.split(i, tree.feature[i], Math.nextUp(tree.threshold[i]), tree.left[i], tree.right[i], false, MissingType.NAN);
            }
        }
    }

    static GradientBoosting classifier(EstimatorState s) {
        return new GradientBoosting(s, true);
    }

    static GradientBoosting regressor(EstimatorState s) {
        return new GradientBoosting(s, false);
    }

    @Override
    public String name() {
        return name;
    }

    /** Raw predictions, row-major (n, k). */
    private double[] raw(Table x) {
        double[][] cols = check.doubles(x, true, false);
        int n = x.rows();
        double[] raw = new double[n * k];
        if (init != null) {
            if (loss == Loss.REGRESSION) {
                double c = init.constant()[0];
                java.util.Arrays.fill(raw, c);
            } else {
                double[] p = init.proba(n);
                int nc = classes.size();
                for (int i = 0; i < n; i++) {
                    if (loss == Loss.MULTINOMIAL) {
                        for (int c = 0; c < nc; c++) {
                            raw[i * k + c] = Math.log(clip(p[i * nc + c]));
                        }
                    } else {
                        double pos = clip(p[i * nc + 1]);
                        double logit = Math.log(pos / (1 - pos));
                        raw[i] = loss == Loss.EXPONENTIAL ? 0.5 * logit : logit;
                    }
                }
            }
        }
        trees.addLeafValues(cols, n, k, raw);
        return raw;
    }

    private static double clip(double p) {
        return Math.min(Math.max(p, FLOAT32_EPS), 1 - FLOAT32_EPS);
    }

    private double[] proba(double[] raw, int n) {
        int nc = classes.size();
        double[] p = new double[n * nc];
        for (int i = 0; i < n; i++) {
            switch (loss) {
                case BINOMIAL, EXPONENTIAL -> {
                    double e = Activations.expit(loss == Loss.EXPONENTIAL ? 2.0 * raw[i] : raw[i]);
                    p[i * 2 + 1] = e;
                    p[i * 2] = 1 - e;
                }
                case MULTINOMIAL -> {
                    int o = i * k;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int c = 0; c < k; c++) {
                        max = Math.max(max, raw[o + c]);
                    }
                    if (Double.isInfinite(max)) {
                        max = 0;
                    }
                    double sum = 0;
                    for (int c = 0; c < k; c++) {
                        sum += Math.exp(raw[o + c] - max);
                    }
                    double lse = Math.log(sum) + max;
                    for (int c = 0; c < k; c++) {
                        double v = Math.exp(raw[o + c] - lse);
                        p[o + c] = Double.isNaN(v) ? 0 : v;
                    }
                }
                case REGRESSION -> throw new IllegalStateException("regression loss has no probabilities");
            }
        }
        return p;
    }

    @Override
    public Tensor predict(Table x) {
        double[] raw = raw(x);
        int n = x.rows();
        if (classes == null) {
            return Activations.vector(raw);
        }
        if (loss != Loss.EXPONENTIAL) {
            return classes.take(Activations.argmaxRows(proba(raw, n), n, classes.size()));
        }
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = raw[i] >= 0 ? 1 : 0;
        }
        return classes.take(idx);
    }

    @Override
    public Tensor predictProba(Table x) {
        if (classes == null) {
            throw missing("predict_proba");
        }
        int n = x.rows();
        return Activations.matrix(proba(raw(x), n), n, classes.size());
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
