package dev.modelport.flavor.pyfunc;

import dev.modelport.data.BooleanColumn;
import dev.modelport.data.Column;
import dev.modelport.data.DoubleColumn;
import dev.modelport.data.Dtype;
import dev.modelport.data.LongColumn;
import dev.modelport.data.ObjectColumn;
import dev.modelport.data.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * numpy's {@code .npy} format (version 1.0 written, 1.0 to 3.0 read) for numeric and boolean
 * columns: little-endian, C order, no pickles. What {@code np.lib.format.write_array} and
 * {@code read_array} exchange with the worker.
 */
final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");
    private static final Map<String, Dtype> DESCRS = Map.ofEntries(
            Map.entry("|b1", Dtype.BOOL), Map.entry("|i1", Dtype.INT8), Map.entry("<i2", Dtype.INT16),
            Map.entry("<i4", Dtype.INT32), Map.entry("<i8", Dtype.INT64), Map.entry("|u1", Dtype.UINT8),
            Map.entry("<u2", Dtype.UINT16), Map.entry("<u4", Dtype.UINT32), Map.entry("<u8", Dtype.UINT64),
            Map.entry("<f2", Dtype.FLOAT16), Map.entry("<f4", Dtype.FLOAT32), Map.entry("<f8", Dtype.FLOAT64),
            Map.entry("<M8[ns]", Dtype.DATETIME64));

    private Npy() {
    }

    /** True when the column's values travel as {@code .npy} (numbers, booleans, datetimes), false for objects. */
    static boolean supports(Column values) {
        return !(values instanceof ObjectColumn);
    }

    /** The {@code .npy} bytes of a numeric or boolean column with {@code shape}. */
    static byte[] write(Column values, int... shape) {
        Dtype dtype = values.dtype();
        int width = width(dtype);
        byte[] header = header(descr(dtype), shape);
        ByteBuffer buf = ByteBuffer.allocate(header.length + values.size() * width).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(header);
        switch (values) {
            case DoubleColumn d -> {
                for (double v : d.values()) {
                    switch (dtype) {
                        case FLOAT16 -> buf.putShort(Float.floatToFloat16((float) v));
                        case FLOAT32 -> buf.putFloat((float) v);
                        default -> buf.putDouble(v);
                    }
                }
            }
            case LongColumn l -> {
                for (long v : l.values()) {
                    switch (width) {
                        case 1 -> buf.put((byte) v);
                        case 2 -> buf.putShort((short) v);
                        case 4 -> buf.putInt((int) v);
                        default -> buf.putLong(v);
                    }
                }
            }
            case BooleanColumn b -> {
                for (boolean v : b.values()) {
                    buf.put((byte) (v ? 1 : 0));
                }
            }
            case ObjectColumn o -> throw new IllegalArgumentException("an object column has no .npy form: " + o.dtype());
        }
        return buf.array();
    }

    /** Reads {@code .npy} bytes into a tensor (a 1-D one for a frame column). */
    static Tensor read(byte[] bytes) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 10 || !ByteBuffer.wrap(bytes, 0, 6).equals(ByteBuffer.wrap(MAGIC))) {
            throw new IOException("not .npy bytes");
        }
        int major = bytes[6];
        buf.position(8);
        long headerLength = major == 1 ? Short.toUnsignedInt(buf.getShort()) : Integer.toUnsignedLong(buf.getInt());
        if (headerLength > bytes.length - buf.position()) {
            throw new IOException(".npy header runs past the data");
        }
        String header = new String(bytes, buf.position(), (int) headerLength, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        buf.position(buf.position() + (int) headerLength);
        String descr = group(DESCR, header);
        if (group(FORTRAN, header).equals("True")) {
            throw new IOException(".npy array in Fortran order");
        }
        Dtype dtype = DESCRS.get(descr);
        if (dtype == null) {
            throw new IOException("unsupported .npy dtype " + descr);
        }
        int[] shape = shape(group(SHAPE, header));
        long count = 1;
        for (int d : shape) {
            count *= d;
        }
        int width = width(dtype);
        if (count * width != buf.remaining()) {
            throw new IOException(".npy data of " + buf.remaining() + " bytes for " + count + " values of " + descr);
        }
        int n = (int) count;
        Column values = switch (dtype) {
            case BOOL -> {
                boolean[] v = new boolean[n];
                for (int i = 0; i < n; i++) {
                    v[i] = buf.get() != 0;
                }
                yield new BooleanColumn(v);
            }
            case FLOAT16, FLOAT32, FLOAT64 -> {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = switch (dtype) {
                        case FLOAT16 -> Float.float16ToFloat(buf.getShort());
                        case FLOAT32 -> buf.getFloat();
                        default -> buf.getDouble();
                    };
                }
                yield new DoubleColumn(v, dtype);
            }
            default -> {
                long[] v = new long[n];
                boolean unsigned = dtype == Dtype.UINT8 || dtype == Dtype.UINT16 || dtype == Dtype.UINT32;
                for (int i = 0; i < n; i++) {
                    long x = switch (width) {
                        case 1 -> buf.get();
                        case 2 -> buf.getShort();
                        case 4 -> buf.getInt();
                        default -> buf.getLong();
                    };
                    v[i] = unsigned ? x & (-1L >>> (64 - 8 * width)) : x;
                }
                yield new LongColumn(v, dtype);
            }
        };
        return new Tensor(values, shape);
    }

    private static String group(Pattern pattern, String header) throws IOException {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw new IOException("malformed .npy header " + header.strip());
        }
        return m.group(1);
    }

    private static int[] shape(String tuple) throws IOException {
        List<Integer> dims = new ArrayList<>();
        for (String d : tuple.split(",")) {
            if (!d.isBlank()) {
                try {
                    dims.add(Integer.parseInt(d.strip().replace("L", "")));
                } catch (NumberFormatException e) {
                    throw new IOException("malformed .npy shape (" + tuple + ")");
                }
            }
        }
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    private static byte[] header(String descr, int[] shape) {
        StringBuilder tuple = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            tuple.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        tuple.append(shape.length == 1 ? ",)" : ")");
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + tuple + ", }";
        int unpadded = MAGIC.length + 4 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String text = dict + " ".repeat(padding) + "\n";
        ByteBuffer buf = ByteBuffer.allocate(MAGIC.length + 4 + text.length()).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length()).put(text.getBytes(StandardCharsets.ISO_8859_1));
        return buf.array();
    }

    private static String descr(Dtype dtype) {
        return DESCRS.entrySet().stream().filter(e -> e.getValue() == dtype).findFirst().orElseThrow(
                () -> new IllegalArgumentException("no .npy dtype for " + dtype)).getKey();
    }

    private static int width(Dtype dtype) {
        return switch (dtype) {
            case BOOL, INT8, UINT8 -> 1;
            case INT16, UINT16, FLOAT16 -> 2;
            case INT32, UINT32, FLOAT32 -> 4;
            case INT64, UINT64, FLOAT64, DATETIME64 -> 8;
            case STR, BYTES, OBJECT -> throw new IllegalArgumentException("no .npy width for " + dtype);
        };
    }
}
