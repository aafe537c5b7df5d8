package dev.modelport.data;

import java.util.Objects;

/** A floating-point column ({@code float64}, {@code float32}, {@code float16}); NaN is missing. */
public record DoubleColumn(double[] values, Dtype dtype) implements Column {
    public DoubleColumn {
        Objects.requireNonNull(values, "values");
        if (!dtype.isFloating()) {
            throw new IllegalArgumentException("not a floating dtype: " + dtype);
        }
    }

    public static DoubleColumn of(double... values) {
        return new DoubleColumn(values, Dtype.FLOAT64);
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public Object get(int row) {
        return values[row];
    }

    @Override
    public boolean isMissing(int row) {
        return Double.isNaN(values[row]);
    }
}
