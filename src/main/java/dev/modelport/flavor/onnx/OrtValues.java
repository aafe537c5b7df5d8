package dev.modelport.flavor.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxMap;
import ai.onnxruntime.OnnxSequence;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.SequenceInfo;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;
import dev.modelport.data.BooleanColumn;
import dev.modelport.data.Column;
import dev.modelport.data.DoubleColumn;
import dev.modelport.data.Dtype;
import dev.modelport.data.LongColumn;
import dev.modelport.data.ObjectColumn;
import dev.modelport.data.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Our tensors to ONNX Runtime values and back, with the dtypes onnxruntime's Python binding gives
 * numpy: a tensor is fed in its own dtype (ONNX Runtime rejects a mismatch), float tensors come
 * back as float32 and strings as {@code object}, and a sequence of maps (a ZipMap output) comes
 * back as a 1-D {@code object} tensor of maps in key order.
 */
final class OrtValues {
    private static final Set<OnnxJavaType> TENSOR_TYPES = Set.of(OnnxJavaType.FLOAT, OnnxJavaType.DOUBLE, OnnxJavaType.FLOAT16,
            OnnxJavaType.INT8, OnnxJavaType.INT16, OnnxJavaType.INT32, OnnxJavaType.INT64, OnnxJavaType.UINT8, OnnxJavaType.BOOL,
            OnnxJavaType.STRING);

    private OrtValues() {
    }

    /** True for the outputs {@link #read} converts: tensors of the numpy dtypes above and sequences of maps. */
    static boolean readable(ValueInfo info) {
        return switch (info) {
            case TensorInfo t -> TENSOR_TYPES.contains(t.type) && t.onnxType != TensorInfo.OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT16
                    && t.onnxType != TensorInfo.OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT32
                    && t.onnxType != TensorInfo.OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT64;
            case SequenceInfo s -> s.isSequenceOfMaps();
            default -> false;
        };
    }

    /**
     * A tensor for input {@code name}; {@code castToFloat} turns float64 into float32, as
     * {@code _cast_float64_to_float32} does for a {@code tensor(float)} input.
     */
    static OnnxTensor feed(OrtEnvironment env, String name, Tensor tensor, boolean castToFloat) throws OrtException {
        long[] shape = Arrays.stream(tensor.shape()).asLongStream().toArray();
        int n = tensor.values().size();
        return switch (tensor.values()) {
            case DoubleColumn d when d.dtype() == Dtype.FLOAT32 || d.dtype() == Dtype.FLOAT64 && castToFloat -> {
                FloatBuffer b = direct(n, 4).asFloatBuffer();
                for (double v : d.values()) {
                    b.put((float) v);
                }
                yield OnnxTensor.createTensor(env, b.rewind(), shape);
            }
            case DoubleColumn d when d.dtype() == Dtype.FLOAT64 -> OnnxTensor.createTensor(env, direct(n, 8).asDoubleBuffer().put(d.values()).rewind(), shape);
            case DoubleColumn d -> {
                ShortBuffer b = direct(n, 2).asShortBuffer();
                for (double v : d.values()) {
                    b.put(Float.floatToFloat16((float) v));
                }
                yield OnnxTensor.createTensor(env, b.rewind(), shape, OnnxJavaType.FLOAT16);
            }
            case LongColumn l -> feedIntegers(env, name, l, shape);
            case BooleanColumn b -> {
                ByteBuffer bytes = direct(n, 1);
                for (boolean v : b.values()) {
                    bytes.put((byte) (v ? 1 : 0));
                }
                yield OnnxTensor.createTensor(env, bytes.rewind(), shape, OnnxJavaType.BOOL);
            }
            case ObjectColumn o -> {
                String[] strings = new String[n];
                for (int i = 0; i < n; i++) {
                    if (!(o.values()[i] instanceof String s)) {
                        throw new IllegalArgumentException("input '" + name + "' is a " + o.dtype() + " array holding " + describe(o.values()[i])
                                + "; ONNX Runtime takes object arrays of strings only");
                    }
                    strings[i] = s;
                }
                yield OnnxTensor.createTensor(env, strings, shape);
            }
        };
    }

    private static OnnxTensor feedIntegers(OrtEnvironment env, String name, LongColumn l, long[] shape) throws OrtException {
        long[] v = l.values();
        int n = v.length;
        return switch (l.dtype()) {
            case INT64 -> OnnxTensor.createTensor(env, direct(n, 8).asLongBuffer().put(v).rewind(), shape);
            case INT32 -> {
                IntBuffer b = direct(n, 4).asIntBuffer();
                for (long x : v) {
                    b.put((int) x);
                }
                yield OnnxTensor.createTensor(env, b.rewind(), shape);
            }
            case INT16 -> {
                ShortBuffer b = direct(n, 2).asShortBuffer();
                for (long x : v) {
                    b.put((short) x);
                }
                yield OnnxTensor.createTensor(env, b.rewind(), shape);
            }
            case INT8, UINT8 -> {
                ByteBuffer b = direct(n, 1);
                for (long x : v) {
                    b.put((byte) x);
                }
                yield OnnxTensor.createTensor(env, b.rewind(), shape, l.dtype() == Dtype.INT8 ? OnnxJavaType.INT8 : OnnxJavaType.UINT8);
            }
            default -> throw new IllegalArgumentException("input '" + name + "' is a " + l.dtype().numpyName()
                    + " array; ONNX Runtime's Java API cannot feed that dtype");
        };
    }

    /** One output as numpy sees it from onnxruntime. */
    static Tensor read(OnnxValue value) throws OrtException {
        return switch (value) {
            case OnnxTensor t -> readTensor(t);
            case OnnxSequence s -> readMaps(s);
            default -> throw new IllegalStateException("unsupported ONNX output " + value.getInfo());
        };
    }

    private static Tensor readTensor(OnnxTensor t) throws OrtException {
        TensorInfo info = t.getInfo();
        int[] shape = Arrays.stream(info.getShape()).mapToInt(Math::toIntExact).toArray();
        int n = Math.toIntExact(info.getNumElements());
        Column column = switch (info.type) {
            case FLOAT -> {
                FloatBuffer b = t.getFloatBuffer();
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    out[i] = b.get(i);
                }
                yield new DoubleColumn(out, Dtype.FLOAT32);
            }
            case DOUBLE -> {
                double[] out = new double[n];
                t.getDoubleBuffer().get(out);
                yield new DoubleColumn(out, Dtype.FLOAT64);
            }
            case FLOAT16 -> {
                ShortBuffer b = t.getShortBuffer();
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    out[i] = Float.float16ToFloat(b.get(i));
                }
                yield new DoubleColumn(out, Dtype.FLOAT16);
            }
            case INT64 -> {
                long[] out = new long[n];
                t.getLongBuffer().get(out);
                yield new LongColumn(out, Dtype.INT64);
            }
            case INT32 -> {
                IntBuffer b = t.getIntBuffer();
                long[] out = new long[n];
                for (int i = 0; i < n; i++) {
                    out[i] = b.get(i);
                }
                yield new LongColumn(out, Dtype.INT32);
            }
            case INT16 -> {
                ShortBuffer b = t.getShortBuffer();
                long[] out = new long[n];
                for (int i = 0; i < n; i++) {
                    out[i] = b.get(i);
                }
                yield new LongColumn(out, Dtype.INT16);
            }
            case INT8, UINT8 -> {
                ByteBuffer b = t.getByteBuffer();
                long[] out = new long[n];
                for (int i = 0; i < n; i++) {
                    out[i] = info.type == OnnxJavaType.UINT8 ? Byte.toUnsignedInt(b.get(i)) : b.get(i);
                }
                yield new LongColumn(out, info.type == OnnxJavaType.UINT8 ? Dtype.UINT8 : Dtype.INT8);
            }
            case BOOL -> {
                ByteBuffer b = t.getByteBuffer();
                boolean[] out = new boolean[n];
                for (int i = 0; i < n; i++) {
                    out[i] = b.get(i) != 0;
                }
                yield new BooleanColumn(out);
            }
            case STRING -> {
                List<Object> out = new ArrayList<>(n);
                flatten(t.getValue(), out);
                yield new ObjectColumn(out.toArray(), Dtype.OBJECT);
            }
            default -> throw new IllegalStateException("unsupported ONNX output element type " + info.onnxType);
        };
        return new Tensor(column, shape);
    }

    /** A ZipMap-style output: each map with its keys in order (std::map's), float values widened as Python floats are. */
    private static Tensor readMaps(OnnxSequence sequence) throws OrtException {
        if (sequence.getInfo().length == 0) { // ONNX Runtime cannot type the items of an empty sequence
            return new Tensor(new ObjectColumn(new Object[0], Dtype.OBJECT), 0);
        }
        List<? extends OnnxValue> items = sequence.getValue();
        Object[] maps = new Object[items.size()];
        for (int i = 0; i < maps.length; i++) {
            Map<Object, Object> sorted = new TreeMap<>(((OnnxMap) items.get(i)).getValue());
            Map<Object, Object> out = new LinkedHashMap<>();
            sorted.forEach((k, v) -> out.put(k, v instanceof Float f ? (Object) f.doubleValue() : v));
            maps[i] = out;
        }
        return new Tensor(new ObjectColumn(maps, Dtype.OBJECT), maps.length);
    }

    private static void flatten(Object value, List<Object> into) {
        if (value instanceof Object[] array) {
            for (Object item : array) {
                flatten(item, into);
            }
        } else {
            into.add(value);
        }
    }

    private static ByteBuffer direct(int count, int bytes) {
        return ByteBuffer.allocateDirect(Math.multiplyExact(count, bytes)).order(ByteOrder.nativeOrder());
    }

    private static String describe(Object value) {
        return value == null ? "None" : "a " + value.getClass().getSimpleName();
    }
}
