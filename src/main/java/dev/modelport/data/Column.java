package dev.modelport.data;

/**
 * One column of values over a primitive array: the storage of a {@link Frame} column and the
 * flat (row-major) storage of a {@link Tensor}. Missing values: NaN in a {@link DoubleColumn},
 * null in an {@link ObjectColumn}; integer and boolean columns cannot hold them (as in pandas).
 */
public sealed interface Column permits DoubleColumn, LongColumn, BooleanColumn, ObjectColumn {

    int size();

    Dtype dtype();

    /** The value at {@code row}, boxed (Double, Long, Boolean, or the object); for slow paths only. */
    Object get(int row);

    /** True when the value at {@code row} is missing (NaN or null). */
    boolean isMissing(int row);
}
