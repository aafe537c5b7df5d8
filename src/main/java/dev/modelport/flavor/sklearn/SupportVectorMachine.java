package dev.modelport.flavor.sklearn;

import dev.modelport.data.Tensor;
import dev.modelport.flavor.sklearn.pickle.NdArray;
import java.util.Arrays;

/**
 * SVC and SVR as scikit-learn's libsvm scores them: a kernel between the row and every support
 * vector, the one-vs-one decision values {@code sum(dual_coef * K) - rho} of each class pair, the
 * label by pairwise votes, scikit-learn's one-vs-rest decision function built from those votes, and
 * libsvm's Platt probabilities coupled across pairs when fitted with {@code probability=True}.
 */
final class SupportVectorMachine implements Estimator {
    private static final double MIN_PROBABILITY = 1e-7;

    private enum Kernel {
        LINEAR, POLY, RBF, SIGMOID
    }

    private final String name;
    private final InputCheck check;
    private final Kernel kernel;
    private final double gamma;
    private final double coef0;
    private final int degree;
    /** Row-major (nSupport, nFeatures). */
    private final double[] supportVectors;
    private final int nSupport;
    private final int nFeatures;
    /** libsvm's sv_coef, row-major (nClasses - 1, nSupport). */
    private final double[] dualCoef;
    /** {@code -rho} per class pair (SVR: one value). */
    private final double[] intercept;
    /** First support vector of each class, and one past the last (classifiers). */
    private final int[] start;
    private final ClassLabels classes;
    private final int nClasses;
    private final boolean ovrShape;
    private final boolean breakTies;
    private final double[] probA;
    private final double[] probB;

    private SupportVectorMachine(EstimatorState s, boolean classifier) {
        this.name = s.shortName();
        if (s.bool("_sparse", false)) {
            throw s.unsupported("a sparse fit");
        }
        this.kernel = switch (s.string("kernel")) {
            case "linear" -> Kernel.LINEAR;
            case "poly" -> Kernel.POLY;
            case "rbf" -> Kernel.RBF;
            case "sigmoid" -> Kernel.SIGMOID;
            default -> throw s.unsupported("kernel='" + s.string("kernel") + "'");
        };
        this.gamma = s.number("_gamma");
        this.coef0 = s.number("coef0");
        this.degree = (int) s.integer("degree");
        NdArray sv = s.array("support_vectors_");
        if (sv.ndim() != 2) {
            throw s.invalid("support_vectors_", "is not 2-D");
        }
        this.nSupport = sv.dim(0);
        this.nFeatures = sv.dim(1);
        this.supportVectors = sv.doubles();
        this.check = InputCheck.of(s, nFeatures);
        NdArray dual = s.array("_dual_coef_");
        this.dualCoef = dual.doubles();
        this.intercept = s.array("_intercept_").doubles();
        if (classifier) {
            this.classes = ClassLabels.of(s.array("classes_"));
            this.nClasses = classes.size();
            long[] counts = s.array("_n_support").longs();
            if (counts.length != nClasses) {
                throw s.invalid("_n_support", "has " + counts.length + " counts for " + nClasses + " classes");
            }
            this.start = new int[nClasses + 1];
            for (int c = 0; c < nClasses; c++) {
                start[c + 1] = start[c] + (int) counts[c];
            }
            int pairs = nClasses * (nClasses - 1) / 2;
            if (start[nClasses] != nSupport || dualCoef.length != (nClasses - 1) * nSupport || intercept.length != pairs) {
                throw s.invalid("_dual_coef_", "does not match " + nClasses + " classes and " + nSupport + " support vectors");
            }
            String shape = s.string("decision_function_shape", "ovr");
            this.ovrShape = shape.equals("ovr");
            this.breakTies = s.bool("break_ties", false);
            double[] a = s.optionalArray("_probA").map(NdArray::doubles).orElse(new double[0]);
            double[] b = s.optionalArray("_probB").map(NdArray::doubles).orElse(new double[0]);
            boolean fitted = s.bool("probability", false) && a.length == pairs && b.length == pairs;
            this.probA = fitted ? a : null;
            this.probB = fitted ? b : null;
        } else {
            if (dualCoef.length != nSupport || intercept.length != 1) {
                throw s.invalid("_dual_coef_", "does not match " + nSupport + " support vectors");
            }
            this.classes = null;
            this.nClasses = 0;
            this.start = null;
            this.ovrShape = false;
            this.breakTies = false;
            this.probA = null;
            this.probB = null;
        }
    }

    static SupportVectorMachine classifier(EstimatorState s) {
        return new SupportVectorMachine(s, true);
    }

    static SupportVectorMachine regressor(EstimatorState s) {
        return new SupportVectorMachine(s, false);
    }

    @Override
    public String name() {
        return name;
    }

    /** Row-major rows of X, validated. */
    private double[] rows(Table x) {
        double[][] cols = check.doubles(x, false, false);
        int n = x.rows();
        double[] out = new double[n * nFeatures];
        for (int j = 0; j < nFeatures; j++) {
            for (int i = 0; i < n; i++) {
                out[i * nFeatures + j] = cols[j][i];
            }
        }
        return out;
    }

    /** libsvm's {@code k_function} between row {@code i} of {@code x} and every support vector. */
    private void kernelRow(double[] x, int i, double[] out) {
        int xo = i * nFeatures;
        for (int v = 0; v < nSupport; v++) {
            int so = v * nFeatures;
            out[v] = switch (kernel) {
                case LINEAR -> dot(x, xo, so);
                case POLY -> powi(gamma * dot(x, xo, so) + coef0, degree);
                case RBF -> {
                    double sum = 0;
                    for (int j = 0; j < nFeatures; j++) {
                        double d = x[xo + j] - supportVectors[so + j];
                        sum += d * d;
                    }
                    yield Math.exp(-gamma * sum);
                }
                case SIGMOID -> Math.tanh(gamma * dot(x, xo, so) + coef0);
            };
        }
    }

    private double dot(double[] x, int xo, int so) {
        double sum = 0;
        for (int j = 0; j < nFeatures; j++) {
            sum += x[xo + j] * supportVectors[so + j];
        }
        return sum;
    }

    /** libsvm's {@code powi}: exponentiation by squaring. */
    private static double powi(double base, int times) {
        double tmp = base;
        double ret = 1.0;
        for (int t = times; t > 0; t /= 2) {
            if (t % 2 == 1) {
                ret *= tmp;
            }
            tmp = tmp * tmp;
        }
        return ret;
    }

    /** libsvm's decision values, row-major (n, pairs), for class pairs (0,1), (0,2), ..., (1,2), .... */
    private double[] pairwise(double[] x, int n) {
        int pairs = nClasses * (nClasses - 1) / 2;
        double[] out = new double[n * pairs];
        double[] k = new double[nSupport];
        for (int i = 0; i < n; i++) {
            kernelRow(x, i, k);
            int p = 0;
            for (int a = 0; a < nClasses; a++) {
                for (int b = a + 1; b < nClasses; b++) {
                    double sum = 0;
                    int coefA = (b - 1) * nSupport;
                    int coefB = a * nSupport;
                    for (int v = start[a]; v < start[a + 1]; v++) {
                        sum += dualCoef[coefA + v] * k[v];
                    }
                    for (int v = start[b]; v < start[b + 1]; v++) {
                        sum += dualCoef[coefB + v] * k[v];
                    }
                    out[i * pairs + p] = sum + intercept[p];
                    p++;
                }
            }
        }
        return out;
    }

    @Override
    public Tensor predict(Table x) {
        double[] rows = rows(x);
        int n = x.rows();
        if (classes == null) {
            double[] out = new double[n];
            double[] k = new double[nSupport];
            for (int i = 0; i < n; i++) {
                kernelRow(rows, i, k);
                double sum = 0;
                for (int v = 0; v < nSupport; v++) {
                    sum += dualCoef[v] * k[v];
                }
                out[i] = sum + intercept[0];
            }
            return Activations.vector(out);
        }
        double[] dec = pairwise(rows, n);
        int pairs = nClasses * (nClasses - 1) / 2;
        int[] labels = new int[n];
        if (breakTies && ovrShape && nClasses > 2) {
            double[] ovr = oneVsRest(dec, n);
            for (int i = 0; i < n; i++) {
                labels[i] = Activations.argmax(ovr, i * nClasses, nClasses);
            }
            return classes.take(labels);
        }
        int[] votes = new int[nClasses];
        for (int i = 0; i < n; i++) {
            Arrays.fill(votes, 0);
            int p = 0;
            for (int a = 0; a < nClasses; a++) {
                for (int b = a + 1; b < nClasses; b++) {
                    votes[dec[i * pairs + p++] > 0 ? a : b]++;
                }
            }
            int best = 0;
            for (int c = 1; c < nClasses; c++) {
                if (votes[c] > votes[best]) {
                    best = c;
                }
            }
            labels[i] = best;
        }
        return classes.take(labels);
    }

    /** {@code sklearn.utils.multiclass._ovr_decision_function(dec < 0, -dec, n_classes)}. */
    private double[] oneVsRest(double[] dec, int n) {
        int pairs = nClasses * (nClasses - 1) / 2;
        double[] votes = new double[n * nClasses];
        double[] confidence = new double[n * nClasses];
        for (int i = 0; i < n; i++) {
            int p = 0;
            int o = i * nClasses;
            for (int a = 0; a < nClasses; a++) {
                for (int b = a + 1; b < nClasses; b++) {
                    double d = dec[i * pairs + p++];
                    confidence[o + a] -= -d;
                    confidence[o + b] += -d;
                    votes[o + (d < 0 ? b : a)] += 1;
                }
            }
        }
        for (int i = 0; i < votes.length; i++) {
            votes[i] += confidence[i] / (3 * (Math.abs(confidence[i]) + 1));
        }
        return votes;
    }

    @Override
    public Tensor decisionFunction(Table x) {
        if (classes == null) {
            throw missing("decision_function");
        }
        double[] dec = pairwise(rows(x), x.rows());
        int n = x.rows();
        if (nClasses == 2) {
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = -dec[i];
            }
            return Activations.vector(out);
        }
        if (ovrShape) {
            return Activations.matrix(oneVsRest(dec, n), n, nClasses);
        }
        return Activations.matrix(dec, n, nClasses * (nClasses - 1) / 2);
    }

    @Override
    public Tensor predictProba(Table x) {
        if (probA == null) {
            throw new UnsupportedOperationException("predict_proba is not available when probability=False");
        }
        double[] dec = pairwise(rows(x), x.rows());
        int n = x.rows();
        int pairs = nClasses * (nClasses - 1) / 2;
        double[] out = new double[n * nClasses];
        double[][] r = new double[nClasses][nClasses];
        double[] p = new double[nClasses];
        for (int i = 0; i < n; i++) {
            int k = 0;
            for (int a = 0; a < nClasses; a++) {
                for (int b = a + 1; b < nClasses; b++) {
                    r[a][b] = Math.min(Math.max(sigmoid(dec[i * pairs + k], probA[k], probB[k]), MIN_PROBABILITY),
                            1 - MIN_PROBABILITY);
                    r[b][a] = 1 - r[a][b];
                    k++;
                }
            }
            coupled(r, p);
            System.arraycopy(p, 0, out, i * nClasses, nClasses);
        }
        return Activations.matrix(out, n, nClasses);
    }

    /** libsvm's {@code sigmoid_predict}: Platt scaling without cancellation. */
    private static double sigmoid(double decision, double a, double b) {
        double fApB = decision * a + b;
        return fApB >= 0 ? Math.exp(-fApB) / (1.0 + Math.exp(-fApB)) : 1.0 / (1 + Math.exp(fApB));
    }

    /** libsvm's {@code multiclass_probability}: pairwise probabilities coupled (Wu, Lin and Weng's method 2). */
    private static void coupled(double[][] r, double[] p) {
        int k = r.length;
        int maxIter = Math.max(100, k);
        double[][] q = new double[k][k];
        double[] qp = new double[k];
        double eps = 0.005 / k;
        for (int t = 0; t < k; t++) {
            p[t] = 1.0 / k;
            q[t][t] = 0;
            for (int j = 0; j < t; j++) {
                q[t][t] += r[j][t] * r[j][t];
                q[t][j] = q[j][t];
            }
            for (int j = t + 1; j < k; j++) {
                q[t][t] += r[j][t] * r[j][t];
                q[t][j] = -r[j][t] * r[t][j];
            }
        }
        for (int iter = 0; iter < maxIter; iter++) {
            double pQp = 0;
            for (int t = 0; t < k; t++) {
                qp[t] = 0;
                for (int j = 0; j < k; j++) {
                    qp[t] += q[t][j] * p[j];
                }
                pQp += p[t] * qp[t];
            }
            double maxError = 0;
            for (int t = 0; t < k; t++) {
                maxError = Math.max(maxError, Math.abs(qp[t] - pQp));
            }
            if (maxError < eps) {
                break;
            }
            for (int t = 0; t < k; t++) {
                double diff = (-qp[t] + pQp) / q[t][t];
                p[t] += diff;
                pQp = (pQp + diff * (diff * q[t][t] + 2 * qp[t])) / (1 + diff) / (1 + diff);
                for (int j = 0; j < k; j++) {
                    qp[j] = (qp[j] + diff * q[t][j]) / (1 + diff);
                    p[j] /= 1 + diff;
                }
            }
        }
    }
}
