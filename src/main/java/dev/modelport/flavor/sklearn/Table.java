package dev.modelport.flavor.sklearn;

import dev.modelport.data.Column;
import dev.modelport.data.DoubleColumn;
import dev.modelport.data.Dtype;
import dev.modelport.data.Frame;
import dev.modelport.data.Input;
import dev.modelport.data.LongColumn;
import dev.modelport.data.BooleanColumn;
import dev.modelport.data.ObjectColumn;
import dev.modelport.data.Tensor;
import dev.modelport.data.TensorMap;
import java.util.ArrayList;
import java.util.List;

/**
 * What flows between scikit-learn steps: a pandas DataFrame ({@code names} given) or a 2-D numpy
 * array ({@code names} null), as typed columns.
 */
record Table(List<String> names, List<Column> columns, int rows) {
    Table {
        columns = List.copyOf(columns);
        if (names != null) {
            names = List.copyOf(names);
        }
    }

    static Table ofArray(List<Column> columns, int rows) {
        return new Table(null, columns, rows);
    }

    static Table ofDoubles(double[][] cols, int rows) {
        List<Column> columns = new ArrayList<>(cols.length);
        for (double[] c : cols) {
            columns.add(new DoubleColumn(c, Dtype.FLOAT64));
        }
        return ofArray(columns, rows);
    }

    boolean isFrame() {
        return names != null;
    }

    int width() {
        return columns.size();
    }

    /** The model input as sklearn receives it from MLflow's pyfunc: a DataFrame, or an ndarray. */
    static Table from(Input input) {
        return switch (input) {
            case Frame f -> new Table(f.names(), f.columns(), f.rows());
            case Tensor t -> fromTensor(t);
            case TensorMap m -> throw new IllegalArgumentException(
                    "Expected 2D array, got a dict of " + m.tensors().size() + " arrays instead");
        };
    }

    private static Table fromTensor(Tensor t) {
        if (t.rank() != 2) {
            throw new IllegalArgumentException("Expected 2D array, got " + (t.rank() == 1 ? "1D array" : t.rank() + "D array")
                    + " instead. Reshape your data either using array.reshape(-1, 1) if your data has a single feature "
                    + "or array.reshape(1, -1) if it contains a single sample.");
        }
        int rows = t.dim(0);
        int cols = t.dim(1);
        List<Column> columns = new ArrayList<>(cols);
        for (int j = 0; j < cols; j++) {
            columns.add(slice(t.values(), j, cols, rows));
        }
        return ofArray(columns, rows);
    }

    private static Column slice(Column flat, int j, int stride, int rows) {
        return switch (flat) {
            case DoubleColumn d -> {
                double[] out = new double[rows];
                for (int i = 0; i < rows; i++) {
                    out[i] = d.values()[i * stride + j];
                }
                yield new DoubleColumn(out, d.dtype());
            }
            case LongColumn l -> {
                long[] out = new long[rows];
                for (int i = 0; i < rows; i++) {
                    out[i] = l.values()[i * stride + j];
                }
                yield new LongColumn(out, l.dtype());
            }
            case BooleanColumn b -> {
                boolean[] out = new boolean[rows];
                for (int i = 0; i < rows; i++) {
                    out[i] = b.values()[i * stride + j];
                }
                yield new BooleanColumn(out);
            }
            case ObjectColumn o -> {
                Object[] out = new Object[rows];
                for (int i = 0; i < rows; i++) {
                    out[i] = o.values()[i * stride + j];
                }
                yield new ObjectColumn(out, o.dtype());
            }
        };
    }
}
