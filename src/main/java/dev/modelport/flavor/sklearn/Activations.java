package dev.modelport.flavor.sklearn;

import dev.modelport.data.DoubleColumn;
import dev.modelport.data.Dtype;
import dev.modelport.data.Tensor;

/** The numeric functions scikit-learn applies to scores, written as numpy/scipy compute them. */
final class Activations {
    private Activations() {
    }

    /** {@code scipy.special.expit}. */
    static double expit(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    /** {@code sklearn.utils.extmath.softmax} of each row of a row-major (n, k) matrix, in place. */
    static void softmax(double[] m, int n, int k) {
        for (int i = 0; i < n; i++) {
            int o = i * k;
            double max = m[o];
            for (int j = 1; j < k; j++) {
                max = Math.max(max, m[o + j]);
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                m[o + j] = Math.exp(m[o + j] - max);
                sum += m[o + j];
            }
            for (int j = 0; j < k; j++) {
                m[o + j] /= sum;
            }
        }
    }

    /** For each of {@code rows} rows of {@code k} values, the index of its first maximum ({@code np.argmax(m, axis=1)}). */
    static int[] argmaxRows(double[] m, int rows, int k) {
        int[] idx = new int[rows];
        for (int i = 0; i < rows; i++) {
            idx[i] = argmax(m, i * k, k);
        }
        return idx;
    }

    /** Index of the first maximum of {@code m[o..o+k)} ({@code np.argmax}). */
    static int argmax(double[] m, int o, int k) {
        int best = 0;
        for (int j = 1; j < k; j++) {
            if (m[o + j] > m[o + best]) {
                best = j;
            }
        }
        return best;
    }

    /** {@code scipy.special.logsumexp} of {@code m[o..o+k)}. */
    static double logSumExp(double[] m, int o, int k) {
        double max = m[o];
        for (int j = 1; j < k; j++) {
            max = Math.max(max, m[o + j]);
        }
        if (Double.isInfinite(max)) {
            max = 0;
        }
        double sum = 0;
        for (int j = 0; j < k; j++) {
            sum += Math.exp(m[o + j] - max);
        }
        return Math.log(sum) + max;
    }

    /** {@code np.log} of every value. */
    static Tensor log(Tensor t) {
        double[] v = ((DoubleColumn) t.values()).values().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.log(v[i]);
        }
        return new Tensor(new DoubleColumn(v, Dtype.FLOAT64), t.shape());
    }

    static Tensor matrix(double[] rowMajor, int n, int k) {
        return new Tensor(new DoubleColumn(rowMajor, Dtype.FLOAT64), n, k);
    }

    static Tensor vector(double[] values) {
        return Tensor.vector(new DoubleColumn(values, Dtype.FLOAT64));
    }
}
