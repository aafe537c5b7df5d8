package dev.modelport.flavor.sklearn;

import dev.modelport.flavor.sklearn.pickle.NdArray;

/** StandardScaler: {@code (x - mean_) / scale_}, NaN passed through. */
final class StandardScaler implements Transformer {
    private final InputCheck check;
    private final double[] mean;
    private final double[] scale;

    StandardScaler(EstimatorState s) {
        this.check = InputCheck.of(s);
        this.mean = s.bool("with_mean", true) ? s.optionalArray("mean_").map(NdArray::doubles).orElse(null) : null;
        this.scale = s.bool("with_std", true) ? s.optionalArray("scale_").map(NdArray::doubles).orElse(null) : null;
        int n = check.nFeatures();
        if (n >= 0 && (mean != null && mean.length != n || scale != null && scale.length != n)) {
            throw s.invalid("mean_", "does not match n_features_in_");
        }
    }

    @Override
    public String name() {
        return "StandardScaler";
    }

    @Override
    public Table transform(Table x) {
        double[][] cols = check.doubles(x, false, true);
        for (int j = 0; j < cols.length; j++) {
            double[] c = cols[j];
            for (int i = 0; i < c.length; i++) {
                if (mean != null) {
                    c[i] -= mean[j];
                }
                if (scale != null) {
                    c[i] /= scale[j];
                }
            }
        }
        return Table.ofDoubles(cols, x.rows());
    }

    /** {@code inverse_transform} of row-major (n, k) values, in place: {@code x * scale_ + mean_}. */
    void inverse(double[] values, int k) {
        if (check.nFeatures() >= 0 && k != check.nFeatures()) {
            throw new IllegalArgumentException("X has " + k + " features, but StandardScaler is expecting " + check.nFeatures()
                    + " features as input.");
        }
        for (int i = 0; i < values.length; i++) {
            if (scale != null) {
                values[i] *= scale[i % k];
            }
            if (mean != null) {
                values[i] += mean[i % k];
            }
        }
    }
}
