package dev.modelport.flavor.sklearn;

import dev.modelport.data.Tensor;

/**
 * DummyClassifier ({@code prior}, {@code most_frequent}) and DummyRegressor: constant predictions,
 * also the {@code init_} estimators of gradient boosting.
 */
final class Dummy implements Estimator {
    private final String name;
    private final ClassLabels classes;
    private final double[] prior;
    private final boolean mostFrequent;
    private final double[] constant;

    private Dummy(String name, ClassLabels classes, double[] prior, boolean mostFrequent, double[] constant) {
        this.name = name;
        this.classes = classes;
        this.prior = prior;
        this.mostFrequent = mostFrequent;
        this.constant = constant;
    }

    static Dummy classifier(EstimatorState s) {
        if (s.integer("n_outputs_") != 1) {
            throw s.unsupported("several outputs");
        }
        String strategy = s.string("_strategy", s.string("strategy", "prior"));
        if (!strategy.equals("prior") && !strategy.equals("most_frequent")) {
            throw s.unsupported("strategy '" + strategy + "'");
        }
        ClassLabels classes = ClassLabels.of(s.array("classes_"));
        double[] prior = s.array("class_prior_").doubles();
        if (prior.length != classes.size()) {
            throw s.invalid("class_prior_", "does not match classes_");
        }
        return new Dummy(s.shortName(), classes, prior, strategy.equals("most_frequent"), null);
    }

    static Dummy regressor(EstimatorState s) {
        return new Dummy(s.shortName(), null, null, false, s.array("constant_").doubles());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Tensor predict(Table x) {
        int n = x.rows();
        if (classes == null) {
            int k = constant.length;
            double[] out = new double[n * k];
            for (int i = 0; i < n; i++) {
                System.arraycopy(constant, 0, out, i * k, k);
            }
            return k == 1 ? Activations.vector(out) : Activations.matrix(out, n, k);
        }
        int best = Activations.argmax(prior, 0, prior.length);
        int[] idx = new int[n];
        java.util.Arrays.fill(idx, best);
        return classes.take(idx);
    }

    /** Row-major (n, classes) probabilities. */
    double[] proba(int n) {
        int k = prior.length;
        double[] out = new double[n * k];
        int best = Activations.argmax(prior, 0, k);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                out[i * k + c] = mostFrequent ? (c == best ? 1 : 0) : prior[c];
            }
        }
        return out;
    }

    double[] constant() {
        return constant;
    }

    boolean isClassifier() {
        return classes != null;
    }

    @Override
    public Tensor predictProba(Table x) {
        if (classes == null) {
            throw missing("predict_proba");
        }
        return Activations.matrix(proba(x.rows()), x.rows(), prior.length);
    }
}
