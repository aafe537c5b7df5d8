package dev.modelport.flavor.tree;

import dev.modelport.data.BooleanColumn;
import dev.modelport.data.Column;
import dev.modelport.data.DoubleColumn;
import dev.modelport.data.Frame;
import dev.modelport.data.LongColumn;
import dev.modelport.data.ObjectColumn;
import dev.modelport.data.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Rows of numeric features, row-major in one {@code double[]}: what a tree model scores. With
 * {@code float32} every value is rounded to float first, as XGBoost converts its input.
 */
public record FeatureMatrix(double[] values, int rows, int columns) {
    public FeatureMatrix {
        Objects.requireNonNull(values, "values");
        if ((long) rows * columns != values.length) {
            throw new IllegalArgumentException(rows + "x" + columns + " features need " + (long) rows * columns + " values, got " + values.length);
        }
    }

    /** A frame's columns in order; the names of non-numeric columns are reported through the exception. */
    public static FeatureMatrix fromFrame(Frame frame, boolean float32) {
        int rows = frame.rows();
        int cols = frame.width();
        double[] values = new double[Math.multiplyExact(rows, cols)];
        List<Column> columns = frame.columns();
        for (int c = 0; c < cols; c++) {
            switch (columns.get(c)) {
                case DoubleColumn d -> {
                    double[] v = d.values();
                    for (int r = 0; r < rows; r++) {
                        values[r * cols + c] = float32 ? (float) v[r] : v[r];
                    }
                }
                case LongColumn l -> {
                    long[] v = l.values();
                    for (int r = 0; r < rows; r++) {
                        values[r * cols + c] = float32 ? (float) v[r] : (double) v[r];
                    }
                }
                case BooleanColumn b -> {
                    boolean[] v = b.values();
                    for (int r = 0; r < rows; r++) {
                        values[r * cols + c] = v[r] ? 1.0 : 0.0;
                    }
                }
                case ObjectColumn o -> throw new NonNumericColumnException(frame.names().get(c), o.dtype().numpyName());
            }
        }
        return new FeatureMatrix(values, rows, cols);
    }

    /** {@code "name: dtype"} of every column that holds strings or objects, in frame order, as pandas lists bad dtypes. */
    public static List<String> nonNumericColumns(Frame frame) {
        List<String> bad = new ArrayList<>();
        for (int c = 0; c < frame.width(); c++) {
            if (frame.columns().get(c) instanceof ObjectColumn o) {
                bad.add(frame.names().get(c) + ": " + o.dtype().numpyName());
            }
        }
        return bad;
    }

    /** Validated feature columns ({@code columns[j][r]}, as scikit-learn's input checks hand them over), laid out by row. */
    public static FeatureMatrix fromColumns(double[][] columns, int rows) {
        int cols = columns.length;
        double[] values = new double[Math.multiplyExact(rows, cols)];
        for (int c = 0; c < cols; c++) {
            double[] column = columns[c];
            for (int r = 0; r < rows; r++) {
                values[r * cols + c] = column[r];
            }
        }
        return new FeatureMatrix(values, rows, cols);
    }

    /** A 2-D tensor (rows, features); any other rank is the caller's to reject. */
    public static FeatureMatrix fromMatrix(Tensor tensor, boolean float32) {
        if (tensor.rank() != 2) {
            throw new IllegalArgumentException("expected a 2-D tensor, got shape " + java.util.Arrays.toString(tensor.shape()));
        }
        int rows = tensor.dim(0);
        int cols = tensor.dim(1);
        double[] values = new double[Math.multiplyExact(rows, cols)];
        switch (tensor.values()) {
            case DoubleColumn d -> {
                double[] v = d.values();
                for (int i = 0; i < values.length; i++) {
                    values[i] = float32 ? (float) v[i] : v[i];
                }
            }
            case LongColumn l -> {
                long[] v = l.values();
                for (int i = 0; i < values.length; i++) {
                    values[i] = float32 ? (float) v[i] : (double) v[i];
                }
            }
            case BooleanColumn b -> {
                boolean[] v = b.values();
                for (int i = 0; i < values.length; i++) {
                    values[i] = v[i] ? 1.0 : 0.0;
                }
            }
            case ObjectColumn o -> throw new NonNumericColumnException("", o.dtype().numpyName());
        }
        return new FeatureMatrix(values, rows, cols);
    }

    /** A column (or tensor, name "") that holds strings or objects, not numbers. */
    public static final class NonNumericColumnException extends IllegalArgumentException {
        private final String column;
        private final String dtype;

        NonNumericColumnException(String column, String dtype) {
            super("column '" + column + "' has non-numeric dtype " + dtype);
            this.column = column;
            this.dtype = dtype;
        }

        public String column() {
            return column;
        }

        public String dtype() {
            return dtype;
        }
    }
}
