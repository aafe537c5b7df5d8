package dev.modelport.data;

import java.util.Arrays;
import java.util.Objects;

/** A numpy ndarray: a flat row-major {@link Column} and a shape. */
public final class Tensor implements Input, Output {
    private final Column values;
    private final int[] shape;

    public Tensor(Column values, int... shape) {
        this.values = Objects.requireNonNull(values, "values");
        this.shape = shape.clone();
        long count = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            count *= d;
        }
        if (count != values.size()) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + count + " values, got " + values.size());
        }
    }

    /** A 1-D tensor over all of {@code values}. */
    public static Tensor vector(Column values) {
        return new Tensor(values, values.size());
    }

    public Column values() {
        return values;
    }

    public Dtype dtype() {
        return values.dtype();
    }

    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(shape, t.shape) && values.equals(t.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + values.hashCode();
    }

    @Override
    public String toString() {
        return "Tensor(" + dtype() + ", " + Arrays.toString(shape) + ")";
    }
}
