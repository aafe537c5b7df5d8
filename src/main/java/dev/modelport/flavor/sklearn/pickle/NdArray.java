package dev.modelport.flavor.sklearn.pickle;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A numpy ndarray rebuilt from a pickle: shape, dtype, memory order and either its raw bytes or, for
 * object arrays, its elements. Accessors return the elements flattened in C (row-major) order.
 */
public final class NdArray {
    private int[] shape = new int[0];
    private NpDtype dtype;
    private boolean fortran;
    private byte[] data;
    private Object[] objects;

    NdArray() {
    }

    static NdArray of(int[] shape, NpDtype dtype, boolean fortran, Object payload) {
        NdArray a = new NdArray();
        a.set(shape, dtype, fortran, payload);
        return a;
    }

    /** {@code ndarray.__setstate__((version, shape, dtype, is_fortran, data))}. */
    void setState(Object state) {
        if (!(state instanceof PyTuple t) || t.size() < 4) {
            throw new PickleException("numpy ndarray state is not a tuple");
        }
        int base = t.size() == 5 ? 1 : 0;
        if (!(t.get(base) instanceof PyTuple shapeTuple) || !(t.get(base + 1) instanceof NpDtype dt)
                || !(t.get(base + 2) instanceof Boolean f)) {
            throw new PickleException("malformed numpy ndarray state");
        }
        int[] dims = new int[shapeTuple.size()];
        for (int i = 0; i < dims.length; i++) {
            if (!(shapeTuple.get(i) instanceof Long d) || d < 0 || d > Integer.MAX_VALUE) {
                throw new PickleException("malformed numpy ndarray shape");
            }
            dims[i] = d.intValue();
        }
        set(dims, dt, f, t.get(base + 3));
    }

    private void set(int[] dims, NpDtype dt, boolean f, Object payload) {
        long count = 1;
        for (int d : dims) {
            count *= d;
            if (count > Integer.MAX_VALUE) {
                throw new PickleException("numpy ndarray of shape " + Arrays.toString(dims) + " is too large");
            }
        }
        this.shape = dims;
        this.dtype = dt;
        this.fortran = f;
        if (dt.kind() == 'O') {
            if (!(payload instanceof List<?> list) || list.size() != count) {
                throw new PickleException("numpy object array of shape " + Arrays.toString(dims) + " has a wrong element list");
            }
            this.objects = list.toArray();
        } else {
            byte[] bytes = payload instanceof byte[] b ? b : payload instanceof String s ? s.getBytes(StandardCharsets.ISO_8859_1) : null;
            if (bytes == null || bytes.length != count * dt.itemSize()) {
                throw new PickleException("numpy array of shape " + Arrays.toString(dims) + " and dtype " + dt
                        + " needs " + count * dt.itemSize() + " bytes, got " + (bytes == null ? "none" : bytes.length));
            }
            this.data = bytes;
        }
    }

    public int[] shape() {
        return shape.clone();
    }

    public int ndim() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis];
    }

    public int size() {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    public NpDtype dtype() {
        return dtype;
    }

    /** The elements of an object array in storage order; empty for other arrays. */
    List<Object> objectElements() {
        return objects == null ? List.of() : Arrays.asList(objects);
    }

    /** Storage position of the element at C-order position {@code i}. */
    private int storageIndex(int i) {
        if (!fortran || shape.length < 2) {
            return i;
        }
        int rem = i;
        int[] idx = new int[shape.length];
        for (int a = shape.length - 1; a >= 0; a--) {
            idx[a] = rem % shape[a];
            rem /= shape[a];
        }
        int pos = 0;
        for (int a = shape.length - 1; a >= 0; a--) {
            pos = pos * shape[a] + idx[a];
        }
        return pos;
    }

    private ByteBuffer buffer(NpDtype dt) {
        return ByteBuffer.wrap(data).order(dt.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    }

    private static double readDouble(ByteBuffer buf, NpDtype dt, int pos) {
        return switch (dt.kind()) {
            case 'f' -> switch (dt.itemSize()) {
                case 8 -> buf.getDouble(pos);
                case 4 -> buf.getFloat(pos);
                case 2 -> Float.float16ToFloat(buf.getShort(pos));
                default -> throw new PickleException("unsupported float size " + dt.itemSize());
            };
            case 'u' -> dt.itemSize() == 8 ? unsignedToDouble(buf.getLong(pos)) : readLong(buf, dt, pos);
            case 'i', 'b' -> readLong(buf, dt, pos);
            default -> throw new PickleException("numpy dtype " + dt + " is not numeric");
        };
    }

    private static double unsignedToDouble(long v) {
        return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
    }

    private static long readLong(ByteBuffer buf, NpDtype dt, int pos) {
        boolean unsigned = dt.kind() == 'u' || dt.kind() == 'b';
        return switch (dt.itemSize()) {
            case 1 -> unsigned ? buf.get(pos) & 0xFFL : buf.get(pos);
            case 2 -> unsigned ? buf.getShort(pos) & 0xFFFFL : buf.getShort(pos);
            case 4 -> unsigned ? buf.getInt(pos) & 0xFFFFFFFFL : buf.getInt(pos);
            case 8 -> buf.getLong(pos);
            default -> throw new PickleException("unsupported integer size " + dt.itemSize());
        };
    }

    /** The elements as float64 in C order (numeric, bool, or object arrays of numbers/None). */
    public double[] doubles() {
        int n = size();
        double[] out = new double[n];
        if (objects != null) {
            for (int i = 0; i < n; i++) {
                Object o = objects[storageIndex(i)];
                out[i] = switch (o) {
                    case null -> Double.NaN;
                    case Double d -> d;
                    case Long l -> l;
                    case Boolean b -> b ? 1 : 0;
                    default -> throw new PickleException("object array element " + o.getClass().getSimpleName() + " is not a number");
                };
            }
            return out;
        }
        if (!dtype.fields().isEmpty()) {
            throw new PickleException("structured numpy array read as numbers");
        }
        ByteBuffer buf = buffer(dtype);
        for (int i = 0; i < n; i++) {
            out[i] = readDouble(buf, dtype, storageIndex(i) * dtype.itemSize());
        }
        return out;
    }

    /** The elements as int64 in C order (integer or bool arrays). */
    public long[] longs() {
        int n = size();
        long[] out = new long[n];
        if (objects != null || "iub".indexOf(dtype.kind()) < 0) {
            double[] d = doubles();
            for (int i = 0; i < n; i++) {
                out[i] = (long) d[i];
            }
            return out;
        }
        ByteBuffer buf = buffer(dtype);
        for (int i = 0; i < n; i++) {
            out[i] = readLong(buf, dtype, storageIndex(i) * dtype.itemSize());
        }
        return out;
    }

    /** One numeric field of a structured array, as float64, in C order. */
    public double[] fieldDoubles(String name) {
        NpDtype.Field f = field(name);
        ByteBuffer buf = buffer(f.dtype());
        double[] out = new double[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = readDouble(buf, f.dtype(), storageIndex(i) * dtype.itemSize() + f.offset());
        }
        return out;
    }

    /** One integer field of a structured array, as int64, in C order. */
    public long[] fieldLongs(String name) {
        NpDtype.Field f = field(name);
        ByteBuffer buf = buffer(f.dtype());
        long[] out = new long[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = readLong(buf, f.dtype(), storageIndex(i) * dtype.itemSize() + f.offset());
        }
        return out;
    }

    private NpDtype.Field field(String name) {
        NpDtype.Field f = dtype.fields().get(name);
        if (f == null) {
            throw new PickleException("structured numpy array has no field '" + name + "' (fields: " + dtype.fields().keySet() + ")");
        }
        return f;
    }

    /**
     * The elements as Java objects in C order: Long for integers, Double for floats, Boolean for
     * bools, String for unicode, byte[] for bytes, and the objects themselves for object arrays.
     */
    public Object[] elements() {
        int n = size();
        Object[] out = new Object[n];
        if (objects != null) {
            for (int i = 0; i < n; i++) {
                out[i] = objects[storageIndex(i)];
            }
            return out;
        }
        ByteBuffer buf = buffer(dtype);
        int size = dtype.itemSize();
        for (int i = 0; i < n; i++) {
            int pos = storageIndex(i) * size;
            out[i] = switch (dtype.kind()) {
                case 'b' -> buf.get(pos) != 0;
                case 'i', 'u' -> readLong(buf, dtype, pos);
                case 'f' -> readDouble(buf, dtype, pos);
                case 'U' -> unicode(buf, pos, size);
                case 'S' -> bytesAt(pos, size);
                default -> throw new PickleException("numpy dtype " + dtype + " elements are not supported");
            };
        }
        return out;
    }

    private static String unicode(ByteBuffer buf, int pos, int size) {
        StringBuilder sb = new StringBuilder();
        for (int p = pos; p < pos + size; p += 4) {
            int cp = buf.getInt(p);
            if (cp == 0) {
                break;
            }
            if (!Character.isValidCodePoint(cp)) {
                throw new PickleException("invalid unicode code point in numpy string array");
            }
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }

    private byte[] bytesAt(int pos, int size) {
        int end = pos + size;
        while (end > pos && data[end - 1] == 0) {
            end--;
        }
        return Arrays.copyOfRange(data, pos, end);
    }

    @Override
    public String toString() {
        return "ndarray(" + dtype + ", " + Arrays.toString(shape) + ")";
    }
}
