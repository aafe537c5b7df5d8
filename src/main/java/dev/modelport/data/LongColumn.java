package dev.modelport.data;

import java.util.Objects;

/** An integer column (any numpy integer dtype) or a {@code datetime64[ns]} column in epoch nanoseconds. */
public record LongColumn(long[] values, Dtype dtype) implements Column {
    public LongColumn {
        Objects.requireNonNull(values, "values");
        if (!dtype.isInteger() && dtype != Dtype.DATETIME64) {
            throw new IllegalArgumentException("not an integer dtype: " + dtype);
        }
    }

    public static LongColumn of(long... values) {
        return new LongColumn(values, Dtype.INT64);
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
        return false;
    }
}
