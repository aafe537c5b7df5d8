package dev.modelport.flavor.sklearn;

/**
 * numpy's {@code np.sum} of contiguous float64 values: pairwise summation with eight partial sums,
 * so that totals round exactly as scikit-learn's do.
 */
final class PairwiseSum {
    private static final int BLOCK = 128;

    private PairwiseSum() {
    }

    /** The sum of {@code n} values of {@code a} from {@code offset}, {@code stride} apart. */
    static double of(double[] a, int offset, int n, int stride) {
        if (n < 8) {
            double res = 0.;
            for (int i = 0; i < n; i++) {
                res += a[offset + i * stride];
            }
            return res;
        }
        if (n <= BLOCK) {
            double[] r = new double[8];
            for (int j = 0; j < 8; j++) {
                r[j] = a[offset + j * stride];
            }
            int i = 8;
            for (; i < n - n % 8; i += 8) {
                for (int j = 0; j < 8; j++) {
                    r[j] += a[offset + (i + j) * stride];
                }
            }
            double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) {
                res += a[offset + i * stride];
            }
            return res;
        }
        int n2 = n / 2;
        n2 -= n2 % 8;
        return of(a, offset, n2, stride) + of(a, offset + n2 * stride, n - n2, stride);
    }

    static double of(double[] a) {
        return of(a, 0, a.length, 1);
    }
}
