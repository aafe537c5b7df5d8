package dev.modelport.data;

import java.util.Objects;

/** A {@code bool} column. */
public record BooleanColumn(boolean[] values) implements Column {
    public BooleanColumn {
        Objects.requireNonNull(values, "values");
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public Dtype dtype() {
        return Dtype.BOOL;
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
