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
import ai.onnxruntime.TensorInfo.OnnxTensorType;
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
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
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
    private static final Set<OnnxTensorType> TENSOR_TYPES = EnumSet.of(OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT,
            OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE, OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16,
            OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8, OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_INT16,
            OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32, OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64,
            OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8, OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT16,
            OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT32, OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT64,
            OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL, OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_STRING);

    private OrtValues() {
    }

    /** True for the outputs {@link #read} converts: tensors of numpy's dtypes and sequences of maps. */
    static boolean readable(ValueInfo info) {
        return switch (info) {
            case TensorInfo t -> TENSOR_TYPES.contains(t.onnxType);
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
        Column column = switch (info.onnxType) {
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT -> {
                FloatBuffer b = t.getFloatBuffer();
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    out[i] = b.get(i);
                }
                yield new DoubleColumn(out, Dtype.FLOAT32);
            }
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE -> {
                double[] out = new double[n];
                t.getDoubleBuffer().get(out);
                yield new DoubleColumn(out, Dtype.FLOAT64);
            }
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16 -> {
                ShortBuffer b = t.getShortBuffer();
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    out[i] = Float.float16ToFloat(b.get(i));
                }
                yield new DoubleColumn(out, Dtype.FLOAT16);
            }
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64, ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT64 -> {
                long[] out = new long[n];
                t.getLongBuffer().get(out);
                yield new LongColumn(out, info.onnxType == OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 ? Dtype.INT64 : Dtype.UINT64);
            }
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32, ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT32 -> {
                boolean unsigned = info.onnxType == OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT32;
                IntBuffer b = t.getIntBuffer();
                long[] out = new long[n];
                for (int i = 0; i < n; i++) {
                    out[i] = unsigned ? Integer.toUnsignedLong(b.get(i)) : b.get(i);
                }
                yield new LongColumn(out, unsigned ? Dtype.UINT32 : Dtype.INT32);
            }
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT16, ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT16 -> {
                boolean unsigned = info.onnxType == OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT16;
                ShortBuffer b = t.getShortBuffer();
                long[] out = new long[n];
                for (int i = 0; i < n; i++) {
                    out[i] = unsigned ? Short.toUnsignedInt(b.get(i)) : b.get(i);
                }
                yield new LongColumn(out, unsigned ? Dtype.UINT16 : Dtype.INT16);
            }
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8, ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8 -> {
                boolean unsigned = info.onnxType == OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8;
                ByteBuffer b = t.getByteBuffer();
                long[] out = new long[n];
                for (int i = 0; i < n; i++) {
                    out[i] = unsigned ? Byte.toUnsignedInt(b.get(i)) : b.get(i);
                }
                yield new LongColumn(out, unsigned ? Dtype.UINT8 : Dtype.INT8);
            }
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL -> {
                ByteBuffer b = t.getByteBuffer();
                boolean[] out = new boolean[n];
                for (int i = 0; i < n; i++) {
                    out[i] = b.get(i) != 0;
                }
                yield new BooleanColumn(out);
            }
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_STRING -> {
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
