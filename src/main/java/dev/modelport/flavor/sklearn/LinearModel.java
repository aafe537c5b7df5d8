package dev.modelport.flavor.sklearn;

import dev.modelport.data.Tensor;
import dev.modelport.flavor.sklearn.pickle.NdArray;

/**
 * {@code X @ coef_.T + intercept_}: the linear regressors (LinearRegression, Ridge, Lasso,
 * ElasticNet, SGDRegressor, LinearSVR; one or several targets) and the linear classifiers, whose
 * label is the sign or the argmax of that score (LogisticRegression, RidgeClassifier, LinearSVC,
 * SGDClassifier), each with the probabilities its scikit-learn class derives from the score.
 */
final class LinearModel implements Estimator {
    /** How {@code predict_proba} turns scores into probabilities. */
    private enum Probability {
        /** The estimator has no predict_proba. */
        NONE,
        /** {@code _predict_proba_lr}: expit of each score, normalised over the classes (one-vs-rest). */
        ONE_VS_REST,
        /** Softmax of the scores (binary: of {@code [-s, s]}). */
        MULTINOMIAL,
        /** SGDClassifier(loss='modified_huber'): {@code (clip(s, -1, 1) + 1) / 2}, normalised. */
        MODIFIED_HUBER
    }

    private final String name;
    private final InputCheck check;
    /** Row-major (k, nFeatures). */
    private final double[] coef;
    private final double[] intercept;
    private final int k;
    private final int nFeatures;
    /** True when coef_ was 1-D (a single target: 1-D predictions). */
    private final boolean vectorOutput;
    private final ClassLabels classes;
    private final Probability probability;

    private LinearModel(EstimatorState s, ClassLabels classes, Probability probability) {
        this.name = s.shortName();
        NdArray c = s.array("coef_");
        this.coef = c.doubles();
        this.vectorOutput = c.ndim() == 1;
        this.k = c.ndim() == 1 ? 1 : c.dim(0);
        this.nFeatures = c.ndim() == 1 ? c.dim(0) : c.dim(1);
        Object i = s.get("intercept_");
        if (i instanceof NdArray a) {
            this.intercept = a.doubles();
        } else {
            double v = s.number("intercept_");
            this.intercept = new double[k];
            java.util.Arrays.fill(this.intercept, v);
        }
        if (intercept.length != k) {
            throw s.invalid("intercept_", "has " + intercept.length + " values for " + k + " targets");
        }
        int n = s.nFeaturesIn() >= 0 ? s.nFeaturesIn() : nFeatures;
        this.check = new InputCheck(name, n, s.featureNamesIn().orElse(null));
        this.classes = classes;
        this.probability = probability;
    }

    static LinearModel regressor(EstimatorState s) {
        return new LinearModel(s, null, Probability.NONE);
    }

    /** LogisticRegression. */
    static LinearModel classifier(EstimatorState s) {
        ClassLabels classes = ClassLabels.of(s.array("classes_"));
        String multiClass = s.string("multi_class", "auto");
        String solver = s.string("solver", "lbfgs");
        boolean ovr = multiClass.equals("ovr") || multiClass.equals("warn")
                || (multiClass.equals("auto") && (classes.size() <= 2 || solver.equals("liblinear")));
        return checked(s, new LinearModel(s, classes, ovr ? Probability.ONE_VS_REST : Probability.MULTINOMIAL));
    }

    /** RidgeClassifier: its classes are those of its label binarizer. */
    static LinearModel ridgeClassifier(EstimatorState s) {
        EstimatorState binarizer = new EstimatorState(s.pyObject("_label_binarizer"));
        if (binarizer.string("y_type_").startsWith("multilabel")) {
            throw s.unsupported("multilabel targets");
        }
        return checked(s, new LinearModel(s, ClassLabels.of(binarizer.array("classes_")), Probability.NONE));
    }

    /** LinearSVC: no probabilities. */
    static LinearModel marginClassifier(EstimatorState s) {
        return checked(s, new LinearModel(s, ClassLabels.of(s.array("classes_")), Probability.NONE));
    }

    /** SGDClassifier: probabilities only for the log and modified Huber losses, as scikit-learn. */
    static LinearModel sgdClassifier(EstimatorState s) {
        Probability p = switch (s.string("loss")) {
            case "log_loss", "log" -> Probability.ONE_VS_REST;
            case "modified_huber" -> Probability.MODIFIED_HUBER;
            default -> Probability.NONE;
        };
        return checked(s, new LinearModel(s, ClassLabels.of(s.array("classes_")), p));
    }

    private static LinearModel checked(EstimatorState s, LinearModel m) {
        if (m.k != (m.classes.size() == 2 ? 1 : m.classes.size())) {
            throw s.invalid("coef_", "has " + m.k + " rows for " + m.classes.size() + " classes");
        }
        return m;
    }

    @Override
    public String name() {
        return name;
    }

    /** Scores row-major (n, k). */
    private double[] scores(Table x) {
        double[][] cols = check.doubles(x, false, false);
        int n = x.rows();
        double[] out = new double[n * k];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < k; t++) {
                double sum = 0;
                int o = t * nFeatures;
                for (int j = 0; j < nFeatures; j++) {
                    sum += cols[j][i] * coef[o + j];
                }
                out[i * k + t] = sum + intercept[t];
            }
        }
        return out;
    }

    private Tensor shaped(double[] scores, int n) {
        return vectorOutput || k == 1 && classes != null ? Activations.vector(scores) : Activations.matrix(scores, n, k);
    }

    @Override
    public Tensor predict(Table x) {
        double[] s = scores(x);
        int n = x.rows();
        if (classes == null) {
            return shaped(s, n);
        }
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = k == 1 ? (s[i] > 0 ? 1 : 0) : Activations.argmax(s, i * k, k);
        }
        return classes.take(idx);
    }

    @Override
    public Tensor decisionFunction(Table x) {
        if (classes == null) {
            throw missing("decision_function");
        }
        return shaped(scores(x), x.rows());
    }

    @Override
    public Tensor predictProba(Table x) {
        if (classes == null || probability == Probability.NONE) {
            throw missing("predict_proba");
        }
        double[] s = scores(x);
        int n = x.rows();
        int c = classes.size();
        double[] p = new double[n * c];
        switch (probability) {
            case ONE_VS_REST -> oneVsRest(s, p, n);
            case MULTINOMIAL -> multinomial(s, p, n);
            case MODIFIED_HUBER -> modifiedHuber(s, p, n);
            case NONE -> throw new IllegalStateException();
        }
        return Activations.matrix(p, n, c);
    }

    private void oneVsRest(double[] s, double[] p, int n) {
        if (k == 1) {
            for (int i = 0; i < n; i++) {
                double e = Activations.expit(s[i]);
                p[i * 2] = 1 - e;
                p[i * 2 + 1] = e;
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int t = 0; t < k; t++) {
                p[i * k + t] = Activations.expit(s[i * k + t]);
                sum += p[i * k + t];
            }
            for (int t = 0; t < k; t++) {
                p[i * k + t] /= sum;
            }
        }
    }

    private void multinomial(double[] s, double[] p, int n) {
        if (k == 1) {
            for (int i = 0; i < n; i++) {
                p[i * 2] = -s[i];
                p[i * 2 + 1] = s[i];
            }
            Activations.softmax(p, n, 2);
        } else {
            System.arraycopy(s, 0, p, 0, s.length);
            Activations.softmax(p, n, k);
        }
    }

    private void modifiedHuber(double[] s, double[] p, int n) {
        if (k == 1) {
            for (int i = 0; i < n; i++) {
                double positive = (Math.min(Math.max(s[i], -1), 1) + 1.0) / 2.0;
                p[i * 2] = 1 - positive;
                p[i * 2 + 1] = positive;
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int t = 0; t < k; t++) {
                p[i * k + t] = (Math.min(Math.max(s[i * k + t], -1), 1) + 1.0) / 2.0;
                sum += p[i * k + t];
            }
            for (int t = 0; t < k; t++) {
                // all classes at zero: scikit-learn answers the uniform distribution
                p[i * k + t] = sum == 0 ? 1.0 / k : p[i * k + t] / sum;
            }
        }
    }
}
