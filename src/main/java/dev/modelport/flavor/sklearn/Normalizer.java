package dev.modelport.flavor.sklearn;

/**
 * Normalizer: each row divided by its l1, l2 or max norm ({@code sklearn.preprocessing.normalize}),
 * a norm below {@code 10 * eps} (a zero row) left as 1.
 */
final class Normalizer implements Transformer {
    private static final double NEAR_ZERO = 10 * Math.ulp(1.0);

    private enum Norm {
        L1, L2, MAX
    }

    private final InputCheck check;
    private final Norm norm;

    Normalizer(EstimatorState s) {
        this.check = InputCheck.of(s);
        this.norm = switch (s.string("norm", "l2")) {
            case "l1" -> Norm.L1;
            case "l2" -> Norm.L2;
            case "max" -> Norm.MAX;
            default -> throw s.unsupported("norm='" + s.string("norm") + "'");
        };
    }

    @Override
    public String name() {
        return "Normalizer";
    }

    @Override
    public Table transform(Table x) {
        double[][] cols = check.doubles(x, false, false);
        int n = x.rows();
        for (int i = 0; i < n; i++) {
            double size = 0;
            for (double[] c : cols) {
                size = switch (norm) {
                    case L1 -> size + Math.abs(c[i]);
                    case L2 -> size + c[i] * c[i];
                    case MAX -> Math.max(size, Math.abs(c[i]));
                };
            }
            if (norm == Norm.L2) {
                size = Math.sqrt(size);
            }
            if (size < NEAR_ZERO) {
                size = 1.0;
            }
            for (double[] c : cols) {
                c[i] /= size;
            }
        }
        return Table.ofDoubles(cols, n);
    }
}
