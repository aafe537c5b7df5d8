package dev.modelport.flavor.sklearn;

import java.util.ArrayList;
import java.util.List;

/**
 * PolynomialFeatures: the bias column (when {@code include_bias}), then every product of degree
 * {@code max(1, min_degree)} to {@code max_degree} in scikit-learn's order (itertools combinations,
 * with replacement unless {@code interaction_only}), each multiplied out as scikit-learn does:
 * the product of the later features first, times the first.
 */
final class PolynomialFeatures implements Transformer {
    private final InputCheck check;
    /** Feature indices of each output column; an empty one is the bias. */
    private final int[][] terms;

    PolynomialFeatures(EstimatorState s) {
        this.check = InputCheck.of(s);
        int n = check.nFeatures();
        if (n < 0) {
            throw s.invalid("n_features_in_", "is missing (is the estimator fitted?)");
        }
        int minDegree = (int) s.integer("_min_degree");
        int maxDegree = (int) s.integer("_max_degree");
        boolean interactionOnly = s.bool("interaction_only", false);
        List<int[]> out = new ArrayList<>();
        if (s.bool("include_bias", true)) {
            out.add(new int[0]);
        }
        for (int d = Math.max(1, minDegree); d <= maxDegree; d++) {
            combinations(new int[d], 0, 0, n, interactionOnly, out);
        }
        if (s.has("n_output_features_") && s.integer("n_output_features_") != out.size()) {
            throw s.invalid("n_output_features_", "is " + s.integer("n_output_features_") + ", not " + out.size());
        }
        this.terms = out.toArray(int[][]::new);
    }

    /** itertools.combinations(_with_replacement)(range(n), len(prefix)), in order. */
    private static void combinations(int[] prefix, int at, int from, int n, boolean distinct, List<int[]> out) {
        if (at == prefix.length) {
            out.add(prefix.clone());
            return;
        }
        for (int f = from; f < n; f++) {
            prefix[at] = f;
            combinations(prefix, at + 1, distinct ? f + 1 : f, n, distinct, out);
        }
    }

    @Override
    public String name() {
        return "PolynomialFeatures";
    }

    @Override
    public Table transform(Table x) {
        double[][] cols = check.doubles(x, false, false);
        int n = x.rows();
        double[][] out = new double[terms.length][n];
        for (int t = 0; t < terms.length; t++) {
            int[] term = terms[t];
            double[] column = out[t];
            for (int i = 0; i < n; i++) {
                if (term.length == 0) {
                    column[i] = 1;
                    continue;
                }
                double p = cols[term[term.length - 1]][i];
                for (int f = term.length - 2; f >= 0; f--) {
                    p *= cols[term[f]][i];
                }
                column[i] = p;
            }
        }
        return Table.ofDoubles(out, n);
    }
}
