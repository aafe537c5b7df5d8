package dev.modelport.flavor.sklearn;

import dev.modelport.data.BooleanColumn;
import dev.modelport.data.Column;
import dev.modelport.data.DoubleColumn;
import dev.modelport.data.Dtype;
import dev.modelport.data.LongColumn;
import dev.modelport.data.ObjectColumn;
import dev.modelport.data.Tensor;
import dev.modelport.flavor.sklearn.pickle.NdArray;

/** A classifier's {@code classes_}: {@code classes_.take(indices)} with the labels' own dtype. */
final class ClassLabels {
    private final char kind;
    private final long[] longs;
    private final double[] doubles;
    private final boolean[] bools;
    private final Object[] objects;
    private final int size;

    private ClassLabels(NdArray classes) {
        if (classes.ndim() != 1) {
            throw new IllegalArgumentException("classes_ is not 1-D");
        }
        this.kind = classes.dtype().kind();
        this.size = classes.size();
        long[] l = null;
        double[] d = null;
        boolean[] b = null;
        Object[] o = null;
        switch (kind) {
            case 'i', 'u' -> l = classes.longs();
            case 'f' -> d = classes.doubles();
            case 'b' -> {
                long[] raw = classes.longs();
                b = new boolean[raw.length];
                for (int i = 0; i < raw.length; i++) {
                    b[i] = raw[i] != 0;
                }
            }
            default -> o = classes.elements();
        }
        this.longs = l;
        this.doubles = d;
        this.bools = b;
        this.objects = o;
    }

    static ClassLabels of(NdArray classes) {
        return new ClassLabels(classes);
    }

    int size() {
        return size;
    }

    Tensor take(int[] indices) {
        int n = indices.length;
        Column column = switch (kind) {
            case 'i', 'u' -> {
                long[] out = new long[n];
                for (int i = 0; i < n; i++) {
                    out[i] = longs[indices[i]];
                }
                yield new LongColumn(out, Dtype.INT64);
            }
            case 'f' -> {
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    out[i] = doubles[indices[i]];
                }
                yield new DoubleColumn(out, Dtype.FLOAT64);
            }
            case 'b' -> {
                boolean[] out = new boolean[n];
                for (int i = 0; i < n; i++) {
                    out[i] = bools[indices[i]];
                }
                yield new BooleanColumn(out);
            }
            default -> {
                Object[] out = new Object[n];
                for (int i = 0; i < n; i++) {
                    out[i] = objects[indices[i]];
                }
                yield new ObjectColumn(out, kind == 'U' ? Dtype.STR : Dtype.OBJECT);
            }
        };
        return Tensor.vector(column);
    }
}
