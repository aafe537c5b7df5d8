package dev.modelport.flavor.sklearn;

import dev.modelport.data.DoubleColumn;
import dev.modelport.data.Tensor;
import dev.modelport.flavor.sklearn.pickle.NdArray;

/**
 * GaussianNB and MultinomialNB: the joint log likelihood of each class, its argmax as the label and,
 * normalised by scipy's {@code logsumexp}, the (log) probabilities.
 */
final class NaiveBayes implements Estimator {
    private final String name;
    private final InputCheck check;
    private final ClassLabels classes;
    private final int k;
    private final int nFeatures;
    /** Gaussian: theta_ row-major (k, nFeatures); multinomial: feature_log_prob_. */
    private final double[] weights;
    /** Gaussian: var_; multinomial: null. */
    private final double[] variance;
    /** Gaussian: log(class_prior_); multinomial: class_log_prior_. */
    private final double[] logPrior;
    /** Gaussian: -0.5 * sum(log(2 pi var_)) per class. */
    private final double[] logNormalizer;

    private NaiveBayes(EstimatorState s, String weightsKey, boolean gaussian) {
        this.name = s.shortName();
        this.classes = ClassLabels.of(s.array("classes_"));
        this.k = classes.size();
        NdArray w = s.array(weightsKey);
        if (w.ndim() != 2 || w.dim(0) != k) {
            throw s.invalid(weightsKey, "is not (n_classes, n_features)");
        }
        this.nFeatures = w.dim(1);
        this.weights = w.doubles();
        this.check = InputCheck.of(s, nFeatures);
        if (gaussian) {
            this.variance = s.array("var_").doubles();
            double[] prior = s.array("class_prior_").doubles();
            if (variance.length != weights.length || prior.length != k) {
                throw s.invalid("var_", "does not match theta_");
            }
            this.logPrior = new double[k];
            this.logNormalizer = new double[k];
            for (int c = 0; c < k; c++) {
                double sum = 0;
                for (int j = 0; j < nFeatures; j++) {
                    sum += Math.log(2.0 * Math.PI * variance[c * nFeatures + j]);
                }
                logPrior[c] = Math.log(prior[c]);
                logNormalizer[c] = -0.5 * sum;
            }
        } else {
            this.variance = null;
            this.logNormalizer = null;
            this.logPrior = s.array("class_log_prior_").doubles();
            if (logPrior.length != k) {
                throw s.invalid("class_log_prior_", "has " + logPrior.length + " values for " + k + " classes");
            }
        }
    }

    static NaiveBayes gaussian(EstimatorState s) {
        return new NaiveBayes(s, "theta_", true);
    }

    static NaiveBayes multinomial(EstimatorState s) {
        return new NaiveBayes(s, "feature_log_prob_", false);
    }

    @Override
    public String name() {
        return name;
    }

    /** Row-major (n, k). */
    private double[] jointLogLikelihood(Table x) {
        double[][] cols = check.doubles(x, false, false);
        int n = x.rows();
        double[] out = new double[n * k];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                double sum = 0;
                int o = c * nFeatures;
                for (int j = 0; j < nFeatures; j++) {
                    if (variance == null) {
                        sum += cols[j][i] * weights[o + j];
                    } else {
                        double d = cols[j][i] - weights[o + j];
                        sum += d * d / variance[o + j];
                    }
                }
                out[i * k + c] = variance == null ? sum + logPrior[c] : logPrior[c] + (logNormalizer[c] - 0.5 * sum);
            }
        }
        return out;
    }

    @Override
    public Tensor predict(Table x) {
        return classes.take(Activations.argmaxRows(jointLogLikelihood(x), x.rows(), k));
    }

    @Override
    public Tensor predictLogProba(Table x) {
        double[] jll = jointLogLikelihood(x);
        int n = x.rows();
        for (int i = 0; i < n; i++) {
            double norm = Activations.logSumExp(jll, i * k, k);
            for (int c = 0; c < k; c++) {
                jll[i * k + c] -= norm;
            }
        }
        return Activations.matrix(jll, n, k);
    }

    @Override
    public Tensor predictProba(Table x) {
        Tensor log = predictLogProba(x);
        double[] v = ((DoubleColumn) log.values()).values();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.exp(v[i]);
        }
        return log;
    }
}
