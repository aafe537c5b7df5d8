package dev.modelport.flavor.sklearn;

import dev.modelport.flavor.sklearn.pickle.NdArray;
import dev.modelport.flavor.sklearn.pickle.PyTuple;

/**
 * The per-feature scalers that pass NaN through: MinMaxScaler ({@code X * scale_ + min_}, clipped
 * to {@code feature_range} when {@code clip}), MaxAbsScaler ({@code X / scale_}) and RobustScaler
 * ({@code (X - center_) / scale_}), each operation in scikit-learn's order.
 */
final class FeatureScaler implements Transformer {
    private final String name;
    private final InputCheck check;
    private final double[] subtract;
    private final double[] divide;
    private final double[] multiply;
    private final double[] add;
    private final double[] clip;

    private FeatureScaler(EstimatorState s, double[] subtract, double[] divide, double[] multiply, double[] add,
            double[] clip) {
        this.name = s.shortName();
        int width = -1;
        for (double[] a : new double[][] {subtract, divide, multiply, add}) {
            if (a != null && width >= 0 && a.length != width) {
                throw s.invalid("scale_", "does not have one value per feature");
            }
            width = a == null ? width : a.length;
        }
        this.check = width >= 0 ? InputCheck.of(s, width) : InputCheck.of(s);
        this.subtract = subtract;
        this.divide = divide;
        this.multiply = multiply;
        this.add = add;
        this.clip = clip;
    }

    static FeatureScaler minMax(EstimatorState s) {
        double[] clip = null;
        if (s.bool("clip", false)) {
            if (!(s.get("feature_range") instanceof PyTuple range) || range.size() != 2) {
                throw s.invalid("feature_range", "is not a (min, max) pair");
            }
            clip = new double[] {InputCheck.toDouble(range.get(0)), InputCheck.toDouble(range.get(1))};
        }
        return new FeatureScaler(s, null, null, s.array("scale_").doubles(), s.array("min_").doubles(), clip);
    }

    static FeatureScaler maxAbs(EstimatorState s) {
        return new FeatureScaler(s, null, s.array("scale_").doubles(), null, null, null);
    }

    static FeatureScaler robust(EstimatorState s) {
        double[] center = s.bool("with_centering", true) ? s.optionalArray("center_").map(NdArray::doubles).orElse(null) : null;
        double[] scale = s.bool("with_scaling", true) ? s.optionalArray("scale_").map(NdArray::doubles).orElse(null) : null;
        return new FeatureScaler(s, center, scale, null, null, null);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Table transform(Table x) {
        double[][] cols = check.doubles(x, false, true);
        for (int j = 0; j < cols.length; j++) {
            double[] c = cols[j];
            for (int i = 0; i < c.length; i++) {
                double v = c[i];
                if (subtract != null) {
                    v -= subtract[j];
                }
                if (divide != null) {
                    v /= divide[j];
                }
                if (multiply != null) {
                    v *= multiply[j];
                }
                if (add != null) {
                    v += add[j];
                }
                if (clip != null && !Double.isNaN(v)) {
                    v = Math.min(Math.max(v, clip[0]), clip[1]);
                }
                c[i] = v;
            }
        }
        return Table.ofDoubles(cols, x.rows());
    }
}
