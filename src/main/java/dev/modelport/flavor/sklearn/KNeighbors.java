package dev.modelport.flavor.sklearn;

import dev.modelport.data.Tensor;
import dev.modelport.flavor.sklearn.pickle.NdArray;
import java.util.Map;

/**
 * KNeighborsClassifier / KNeighborsRegressor by brute force over {@code _fit_X}: distances computed
 * coordinate by coordinate as scikit-learn's tree metrics do, neighbours ordered by (distance,
 * training index), class votes broken towards the smallest encoded class as {@code stats.mode}.
 */
final class KNeighbors implements Estimator {
    private enum Metric { EUCLIDEAN, MANHATTAN, CHEBYSHEV, MINKOWSKI }

    private final String name;
    private final InputCheck check;
    private final double[] fitX;
    private final int nSamples;
    private final int nFeatures;
    private final int kNeighbors;
    private final boolean distanceWeights;
    private final Metric metric;
    private final double p;
    /** Classifier: encoded class of each training row. */
    private final int[] y;
    private final ClassLabels classes;
    /** Regressor: row-major (nSamples, nOutputs) targets. */
    private final double[] yValues;
    private final int nOutputs;
    private final boolean vectorOutput;

    private KNeighbors(EstimatorState s, boolean classifier) {
        this.name = s.shortName();
        this.check = InputCheck.of(s);
        NdArray fit = s.array("_fit_X");
        if (fit.ndim() != 2) {
            throw s.invalid("_fit_X", "is not 2-D");
        }
        this.fitX = fit.doubles();
        this.nSamples = fit.dim(0);
        this.nFeatures = fit.dim(1);
        this.kNeighbors = (int) s.integer("n_neighbors");
        if (kNeighbors < 1 || kNeighbors > nSamples) {
            throw s.invalid("n_neighbors", "is " + kNeighbors + " for " + nSamples + " training samples");
        }
        Object weights = s.get("weights");
        if (!"uniform".equals(weights) && !"distance".equals(weights) && weights != null) {
            throw s.unsupported("weights " + weights);
        }
        this.distanceWeights = "distance".equals(weights);
        String effective = s.string("effective_metric_", s.string("metric", "minkowski"));
        double power = 2;
        if (s.optional("effective_metric_params_").orElse(Map.of()) instanceof Map<?, ?> params && params.get("p") != null) {
            power = params.get("p") instanceof Long l ? l : (Double) params.get("p");
        } else if (effective.equals("minkowski")) {
            power = s.number("p");
        }
        this.p = power;
        this.metric = switch (effective) {
            case "euclidean", "l2" -> Metric.EUCLIDEAN;
            case "manhattan", "cityblock", "l1" -> Metric.MANHATTAN;
            case "chebyshev", "infinity" -> Metric.CHEBYSHEV;
            case "minkowski" -> p == 2 ? Metric.EUCLIDEAN : p == 1 ? Metric.MANHATTAN : Metric.MINKOWSKI;
            default -> throw s.unsupported("metric '" + effective + "' (supported: minkowski, euclidean, manhattan, chebyshev)");
        };
        if (s.has("outputs_2d_") && s.bool("outputs_2d_", false) && classifier) {
            throw s.unsupported("several outputs");
        }
        NdArray target = s.array("_y");
        if (classifier) {
            this.classes = ClassLabels.of(s.array("classes_"));
            long[] raw = target.longs();
            this.y = new int[raw.length];
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] < 0 || raw[i] >= classes.size()) {
                    throw s.invalid("_y", "holds a class index outside classes_");
                }
                y[i] = (int) raw[i];
            }
            this.yValues = null;
            this.nOutputs = 1;
            this.vectorOutput = true;
        } else {
            this.classes = null;
            this.y = null;
            this.yValues = target.doubles();
            this.vectorOutput = target.ndim() == 1;
            this.nOutputs = target.ndim() == 1 ? 1 : target.dim(1);
        }
        if ((classifier ? y.length : yValues.length / nOutputs) != nSamples) {
            throw s.invalid("_y", "does not match _fit_X");
        }
    }

    static KNeighbors classifier(EstimatorState s) {
        return new KNeighbors(s, true);
    }

    static KNeighbors regressor(EstimatorState s) {
        return new KNeighbors(s, false);
    }

    @Override
    public String name() {
        return name;
    }

    private double distance(double[][] x, int row, int sample) {
        int o = sample * nFeatures;
        double acc = 0;
        switch (metric) {
            case EUCLIDEAN -> {
                for (int j = 0; j < nFeatures; j++) {
                    double d = x[j][row] - fitX[o + j];
                    acc += d * d;
                }
                return Math.sqrt(acc);
            }
            case MANHATTAN -> {
                for (int j = 0; j < nFeatures; j++) {
                    acc += Math.abs(x[j][row] - fitX[o + j]);
                }
                return acc;
            }
            case CHEBYSHEV -> {
                for (int j = 0; j < nFeatures; j++) {
                    acc = Math.max(acc, Math.abs(x[j][row] - fitX[o + j]));
                }
                return acc;
            }
            case MINKOWSKI -> {
                for (int j = 0; j < nFeatures; j++) {
                    acc += Math.pow(Math.abs(x[j][row] - fitX[o + j]), p);
                }
                return Math.pow(acc, 1.0 / p);
            }
        }
        throw new IllegalStateException();
    }

    /** Fills {@code idx}/{@code dist} with the k nearest training rows, nearest first. */
    private void neighbours(double[][] x, int row, int[] idx, double[] dist) {
        int found = 0;
        for (int s = 0; s < nSamples; s++) {
            double d = distance(x, row, s);
            if (found == kNeighbors && !(d < dist[found - 1])) {
                continue;
            }
            int pos = found == kNeighbors ? found - 1 : found++;
            while (pos > 0 && dist[pos - 1] > d) {
                dist[pos] = dist[pos - 1];
                idx[pos] = idx[pos - 1];
                pos--;
            }
            dist[pos] = d;
            idx[pos] = s;
        }
    }

    /** {@code _get_weights(dist, 'distance')} for one row, in place. */
    private static void inverse(double[] dist) {
        boolean zero = false;
        for (double d : dist) {
            zero |= d == 0;
        }
        for (int i = 0; i < dist.length; i++) {
            dist[i] = zero ? (dist[i] == 0 ? 1 : 0) : 1.0 / dist[i];
        }
    }

    @Override
    public Tensor predict(Table x) {
        double[][] cols = check.doubles(x, false, false);
        int n = x.rows();
        int[] idx = new int[kNeighbors];
        double[] dist = new double[kNeighbors];
        if (classes != null) {
            int nc = classes.size();
            double[] votes = new double[nc];
            int[] out = new int[n];
            for (int i = 0; i < n; i++) {
                neighbours(cols, i, idx, dist);
                if (distanceWeights) {
                    inverse(dist);
                }
                java.util.Arrays.fill(votes, 0);
                for (int j = 0; j < kNeighbors; j++) {
                    votes[y[idx[j]]] += distanceWeights ? dist[j] : 1;
                }
                out[i] = Activations.argmax(votes, 0, nc);
            }
            return classes.take(out);
        }
        double[] out = new double[n * nOutputs];
        for (int i = 0; i < n; i++) {
            neighbours(cols, i, idx, dist);
            if (distanceWeights) {
                inverse(dist);
            }
            for (int t = 0; t < nOutputs; t++) {
                double num = 0;
                double den = 0;
                for (int j = 0; j < kNeighbors; j++) {
                    double w = distanceWeights ? dist[j] : 1;
                    num += yValues[idx[j] * nOutputs + t] * (distanceWeights ? w : 1);
                    den += w;
                }
                out[i * nOutputs + t] = distanceWeights ? num / den : num / kNeighbors;
            }
        }
        return vectorOutput ? Activations.vector(out) : Activations.matrix(out, n, nOutputs);
    }

    @Override
    public Tensor predictProba(Table x) {
        if (classes == null) {
            throw missing("predict_proba");
        }
        double[][] cols = check.doubles(x, false, false);
        int n = x.rows();
        int nc = classes.size();
        int[] idx = new int[kNeighbors];
        double[] dist = new double[kNeighbors];
        double[] out = new double[n * nc];
        for (int i = 0; i < n; i++) {
            neighbours(cols, i, idx, dist);
            if (distanceWeights) {
                inverse(dist);
            }
            for (int j = 0; j < kNeighbors; j++) {
                out[i * nc + y[idx[j]]] += distanceWeights ? dist[j] : 1;
            }
            double sum = 0;
            for (int c = 0; c < nc; c++) {
                sum += out[i * nc + c];
            }
            if (sum == 0) {
                sum = 1;
            }
            for (int c = 0; c < nc; c++) {
                out[i * nc + c] /= sum;
            }
        }
        return Activations.matrix(out, n, nc);
    }
}
