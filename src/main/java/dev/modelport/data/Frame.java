package dev.modelport.data;

import java.util.List;
import java.util.Optional;

/** A pandas-like DataFrame: named, typed columns of equal length. */
public record Frame(List<String> names, List<Column> columns, int rows) implements Input, Output {
    public Frame {
        names = List.copyOf(names);
        columns = List.copyOf(columns);
        if (names.size() != columns.size()) {
            throw new IllegalArgumentException(names.size() + " names for " + columns.size() + " columns");
        }
        for (Column c : columns) {
            if (c.size() != rows) {
                throw new IllegalArgumentException("column of " + c.size() + " rows in a frame of " + rows);
            }
        }
    }

    public static Frame of(List<String> names, List<Column> columns) {
        return new Frame(names, columns, columns.isEmpty() ? 0 : columns.get(0).size());
    }

    public int width() {
        return columns.size();
    }

    public Optional<Column> column(String name) {
        int i = names.indexOf(name);
        return i < 0 ? Optional.empty() : Optional.of(columns.get(i));
    }

    /**
     * pandas' {@code DataFrame.to_numpy()}: a (rows, width) tensor, row-major, in the columns'
     * common dtype as pandas' {@code find_common_type} picks it: one dtype stays itself, numbers
     * promote as numpy promotes them, and bools among numbers or anything else make {@code object}.
     */
    public Tensor toNumpy() {
        Dtype common = commonDtype();
        int width = width();
        int size = Math.multiplyExact(rows, width);
        Column flat;
        if (common.isFloating()) {
            double[] out = new double[size];
            for (int j = 0; j < width; j++) {
                switch (columns.get(j)) {
                    case DoubleColumn d -> {
                        for (int i = 0; i < rows; i++) {
                            out[i * width + j] = d.values()[i];
                        }
                    }
                    case LongColumn l -> {
                        for (int i = 0; i < rows; i++) {
                            out[i * width + j] = common == Dtype.FLOAT32 ? (float) l.values()[i] : (double) l.values()[i];
                        }
                    }
                    default -> throw new IllegalStateException("a " + columns.get(j).dtype() + " column in a " + common + " frame");
                }
            }
            flat = new DoubleColumn(out, common);
        } else if (common.isInteger() || common == Dtype.DATETIME64) {
            long[] out = new long[size];
            for (int j = 0; j < width; j++) {
                long[] v = ((LongColumn) columns.get(j)).values();
                for (int i = 0; i < rows; i++) {
                    out[i * width + j] = v[i];
                }
            }
            flat = new LongColumn(out, common);
        } else if (common == Dtype.BOOL) {
            boolean[] out = new boolean[size];
            for (int j = 0; j < width; j++) {
                boolean[] v = ((BooleanColumn) columns.get(j)).values();
                for (int i = 0; i < rows; i++) {
                    out[i * width + j] = v[i];
                }
            }
            flat = new BooleanColumn(out);
        } else {
            Object[] out = new Object[size];
            for (int j = 0; j < width; j++) {
                Column c = columns.get(j);
                for (int i = 0; i < rows; i++) {
                    out[i * width + j] = c.get(i);
                }
            }
            flat = new ObjectColumn(out, common == Dtype.STR || common == Dtype.BYTES ? common : Dtype.OBJECT);
        }
        return new Tensor(flat, rows, width);
    }

    private Dtype commonDtype() {
        List<Dtype> dtypes = columns.stream().map(Column::dtype).distinct().toList();
        if (dtypes.isEmpty()) {
            return Dtype.FLOAT64;
        }
        if (dtypes.size() == 1) {
            return dtypes.get(0);
        }
        if (!dtypes.stream().allMatch(Dtype::isNumeric)) {
            return Dtype.OBJECT;
        }
        return dtypes.stream().reduce(Dtype::promote).orElseThrow();
    }
}
