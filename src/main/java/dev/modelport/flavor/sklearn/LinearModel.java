package dev.modelport.flavor.sklearn;

import dev.modelport.data.Tensor;
import dev.modelport.flavor.sklearn.pickle.NdArray;

/**
 * {@code X @ coef_.T + intercept_}: LinearRegression (one or several targets) and, with
 * {@link #classifier}, LogisticRegression (binary, one-vs-rest or multinomial).
 */
final class LinearModel implements Estimator {
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
    private final boolean ovr;

    private LinearModel(EstimatorState s, ClassLabels classes, boolean ovr) {
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
        this.ovr = ovr;
    }

    static LinearModel regressor(EstimatorState s) {
        return new LinearModel(s, null, false);
    }

    static LinearModel classifier(EstimatorState s) {
        ClassLabels classes = ClassLabels.of(s.array("classes_"));
        String multiClass = s.string("multi_class", "auto");
        String solver = s.string("solver", "lbfgs");
        boolean ovr = multiClass.equals("ovr") || multiClass.equals("warn")
                || (multiClass.equals("auto") && (classes.size() <= 2 || solver.equals("liblinear")));
        LinearModel m = new LinearModel(s, classes, ovr);
        if (m.k != (classes.size() == 2 ? 1 : classes.size())) {
            throw s.invalid("coef_", "has " + m.k + " rows for " + classes.size() + " classes");
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
        if (classes == null) {
            throw missing("predict_proba");
        }
        double[] s = scores(x);
        int n = x.rows();
        int c = classes.size();
        double[] p = new double[n * c];
        if (k == 1) {
            for (int i = 0; i < n; i++) {
                if (ovr) {
                    double e = Activations.expit(s[i]);
                    p[i * 2] = 1 - e;
                    p[i * 2 + 1] = e;
                } else {
                    p[i * 2] = -s[i];
                    p[i * 2 + 1] = s[i];
                }
            }
            if (!ovr) {
                Activations.softmax(p, n, 2);
            }
        } else if (ovr) {
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
        } else {
            System.arraycopy(s, 0, p, 0, s.length);
            Activations.softmax(p, n, k);
        }
        return Activations.matrix(p, n, c);
    }
}
