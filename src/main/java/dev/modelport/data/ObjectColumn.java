package dev.modelport.data;

import java.util.Objects;

/**
 * A column of objects: {@code str}, {@code bytes} (byte[]) or pandas' {@code object} (String,
 * Long, Double, Boolean, byte[], List, Map or null for None).
 */
public record ObjectColumn(Object[] values, Dtype dtype) implements Column {
    public ObjectColumn {
        Objects.requireNonNull(values, "values");
        if (dtype != Dtype.STR && dtype != Dtype.BYTES && dtype != Dtype.OBJECT) {
            throw new IllegalArgumentException("not an object dtype: " + dtype);
        }
    }

    public static ObjectColumn of(Object... values) {
        return new ObjectColumn(values, Dtype.OBJECT);
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
        return values[row] == null || values[row] instanceof Double d && d.isNaN();
    }
}
