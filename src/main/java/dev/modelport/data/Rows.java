package dev.modelport.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Inputs and outputs by rows (a frame's rows, a tensor's first axis): a range of them, and outputs
 * one after the other, as {@code pd.concat} / {@code np.concatenate} put them together.
 */
public final class Rows {
    private Rows() {
    }

    /** How many rows {@code input} has; -1 for named tensors of different lengths or a 0-D tensor. */
    public static int count(Input input) {
        return switch (input) {
            case Frame f -> f.rows();
            case Tensor t -> rows(t);
            case TensorMap m -> rows(m);
        };
    }

    /** Values in one row: a frame's columns, a tensor's values past its first dimension (summed over a map's tensors). */
    public static int width(Input input) {
        return switch (input) {
            case Frame f -> f.width();
            case Tensor t -> rowSize(t.shape());
            case TensorMap m -> m.tensors().values().stream().mapToInt(t -> rowSize(t.shape())).sum();
        };
    }

    /** Rows {@code [from, to)} of {@code input}, which {@link #count(Input)} has rows. */
    public static Input slice(Input input, int from, int to) {
        return switch (input) {
            case Frame f -> new Frame(f.names(), f.columns().stream().map(c -> slice(c, from, to)).toList(), to - from);
            case Tensor t -> slice(t, from, to);
            case TensorMap m -> {
                Map<String, Tensor> parts = new LinkedHashMap<>();
                m.tensors().forEach((name, t) -> parts.put(name, slice(t, from, to)));
                yield new TensorMap(parts);
            }
        };
    }

    private static int rows(Tensor t) {
        return t.rank() == 0 ? -1 : t.dim(0);
    }

    private static int rows(TensorMap m) {
        List<Integer> lengths = m.tensors().values().stream().map(Rows::rows).distinct().toList();
        return lengths.size() == 1 ? lengths.get(0) : -1;
    }

    /**
     * The rows of {@code parts} one after the other, when they are alike (same kind, names, dtypes
     * and shape past the first axis); empty when they are not.
     */
    public static Optional<Output> concat(List<Output> parts) {
        Output first = parts.get(0);
        switch (first) {
            case Frame f -> {
                List<Frame> frames = new ArrayList<>();
                for (Output part : parts) {
                    if (!(part instanceof Frame frame) || !frame.names().equals(f.names())) {
                        return Optional.empty();
                    }
                    frames.add(frame);
                }
                List<Column> columns = new ArrayList<>(f.width());
                for (int j = 0; j < f.width(); j++) {
                    int column = j;
                    Optional<Column> joined = concatColumns(frames.stream().map(frame -> frame.columns().get(column)).toList());
                    if (joined.isEmpty()) {
                        return Optional.empty();
                    }
                    columns.add(joined.get());
                }
                return Optional.of(new Frame(f.names(), columns, frames.stream().mapToInt(Frame::rows).sum()));
            }
            case Tensor t -> {
                List<Tensor> tensors = new ArrayList<>();
                for (Output part : parts) {
                    if (!(part instanceof Tensor tensor)) {
                        return Optional.empty();
                    }
                    tensors.add(tensor);
                }
                return concatTensors(tensors).map(Output.class::cast);
            }
            case TensorMap m -> {
                List<String> names = List.copyOf(m.tensors().keySet());
                Map<String, Tensor> joined = new LinkedHashMap<>();
                for (String name : names) {
                    List<Tensor> tensors = new ArrayList<>();
                    for (Output part : parts) {
                        if (!(part instanceof TensorMap map) || !List.copyOf(map.tensors().keySet()).equals(names)) {
                            return Optional.empty();
                        }
                        tensors.add(map.tensors().get(name));
                    }
                    Optional<Tensor> tensor = concatTensors(tensors);
                    if (tensor.isEmpty()) {
                        return Optional.empty();
                    }
                    joined.put(name, tensor.get());
                }
                return Optional.of(new TensorMap(joined));
            }
        }
    }

    private static Tensor slice(Tensor t, int from, int to) {
        int[] shape = t.shape();
        int rowSize = rowSize(shape);
        shape[0] = to - from;
        return new Tensor(slice(t.values(), from * rowSize, to * rowSize), shape);
    }

    private static Optional<Tensor> concatTensors(List<Tensor> parts) {
        int[] shape = parts.get(0).shape();
        if (shape.length == 0) {
            return Optional.empty();
        }
        int rows = 0;
        for (Tensor part : parts) {
            int[] other = part.shape();
            if (other.length != shape.length || !Arrays.equals(shape, 1, shape.length, other, 1, other.length)) {
                return Optional.empty();
            }
            rows += other[0];
        }
        shape[0] = rows;
        return concatColumns(parts.stream().map(Tensor::values).toList()).map(values -> new Tensor(values, shape));
    }

    private static int rowSize(int[] shape) {
        int size = 1;
        for (int d = 1; d < shape.length; d++) {
            size *= shape[d];
        }
        return size;
    }

    private static Column slice(Column column, int from, int to) {
        return switch (column) {
            case DoubleColumn d -> new DoubleColumn(Arrays.copyOfRange(d.values(), from, to), d.dtype());
            case LongColumn l -> new LongColumn(Arrays.copyOfRange(l.values(), from, to), l.dtype());
            case BooleanColumn b -> new BooleanColumn(Arrays.copyOfRange(b.values(), from, to));
            case ObjectColumn o -> new ObjectColumn(Arrays.copyOfRange(o.values(), from, to), o.dtype());
        };
    }

    private static Optional<Column> concatColumns(List<Column> parts) {
        Column first = parts.get(0);
        int size = 0;
        for (Column part : parts) {
            if (part.getClass() != first.getClass() || part.dtype() != first.dtype()) {
                return Optional.empty();
            }
            size += part.size();
        }
        Object joined = switch (first) {
            case DoubleColumn d -> new double[size];
            case LongColumn l -> new long[size];
            case BooleanColumn b -> new boolean[size];
            case ObjectColumn o -> new Object[size];
        };
        int at = 0;
        for (Column part : parts) {
            System.arraycopy(values(part), 0, joined, at, part.size());
            at += part.size();
        }
        return Optional.of(switch (first) {
            case DoubleColumn d -> new DoubleColumn((double[]) joined, d.dtype());
            case LongColumn l -> new LongColumn((long[]) joined, l.dtype());
            case BooleanColumn b -> new BooleanColumn((boolean[]) joined);
            case ObjectColumn o -> new ObjectColumn((Object[]) joined, o.dtype());
        });
    }

    private static Object values(Column column) {
        return switch (column) {
            case DoubleColumn d -> d.values();
            case LongColumn l -> l.values();
            case BooleanColumn b -> b.values();
            case ObjectColumn o -> o.values();
        };
    }
}
