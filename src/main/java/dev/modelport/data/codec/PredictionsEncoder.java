package dev.modelport.data.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.modelport.data.BooleanColumn;
import dev.modelport.data.Column;
import dev.modelport.data.DoubleColumn;
import dev.modelport.data.Dtype;
import dev.modelport.data.Frame;
import dev.modelport.data.LongColumn;
import dev.modelport.data.ObjectColumn;
import dev.modelport.data.Output;
import dev.modelport.data.Tensor;
import dev.modelport.data.TensorMap;
import dev.modelport.python.PythonRepr;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Writes predictions as MLflow's scoring server does ({@code json.dump(..., cls=NumpyEncoder)}):
 * a tensor as nested lists (ints as JSON integers, floats as Python's {@code repr}, NaN and
 * infinities as bare tokens), a DataFrame as records, named tensors as an object; wrapped in
 * {@code {"predictions": ...}} for MLflow 2.x or bare for 1.x.
 * Stateless and thread-safe.
 */
public final class PredictionsEncoder implements ResponseCodec {
    private static final Base64.Encoder MIME = Base64.getMimeEncoder(76, new byte[] {'\n'});
    /** Per thread, where a float's repr is built: it reaches the generator as chars, without a String each. */
    private static final ThreadLocal<FloatText> FLOAT_TEXT = ThreadLocal.withInitial(FloatText::new);

    private final ScoringProtocol protocol;

    /** The encoder of answers to requests in {@code protocol}. */
    public PredictionsEncoder(ScoringProtocol protocol) {
        this.protocol = protocol;
    }

    /** {@code {"predictions": ...}}, or the bare value for a request answered as MLflow 1.x did. */
    @Override
    public byte[] encode(Output output, DecodedRequest request) {
        return encode(output, !protocol.answersAsV1(request.format()));
    }

    /** The response body for {@code output}: {@code {"predictions": ...}} when {@code wrap}, else the bare value (1.x). */
    public static byte[] encode(Output output, boolean wrap) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + (int) Math.min(expectedBytes(output), 1 << 26));
        try (JsonGenerator g = Json.pythonStyleGenerator(bytes)) {
            if (wrap) {
                g.writeStartObject();
                g.writeFieldName("predictions");
            }
            write(g, output);
            if (wrap) {
                g.writeEndObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** About the answer's size, to size its buffer once: a float takes ~20 bytes ({@code 0.123456789, }), anything else a few. */
    private static long expectedBytes(Output output) {
        return switch (output) {
            case Tensor t -> expectedBytes(t.values());
            case Frame f -> f.columns().stream().mapToLong(PredictionsEncoder::expectedBytes).sum();
            case TensorMap m -> m.tensors().values().stream().mapToLong(t -> expectedBytes(t.values())).sum();
        };
    }

    private static long expectedBytes(Column values) {
        return (long) values.size() * (values instanceof DoubleColumn ? 20 : 4);
    }

    private static void write(JsonGenerator g, Output output) throws IOException {
        switch (output) {
            case Tensor t -> writeTensor(g, t);
            case Frame f -> writeRecords(g, f);
            case TensorMap m -> {
                g.writeStartObject();
                for (Map.Entry<String, Tensor> e : m.tensors().entrySet()) {
                    g.writeFieldName(e.getKey());
                    writeTensor(g, e.getValue());
                }
                g.writeEndObject();
            }
        }
    }

    private static void writeTensor(JsonGenerator g, Tensor t) throws IOException {
        int[] shape = t.shape();
        if (shape.length == 0) {
            writeCell(g, t.values(), 0);
            return;
        }
        writeLevel(g, t.values(), shape, 0, 0);
    }

    /** Writes the sub-array at {@code axis} starting at flat index {@code offset}; returns the next offset. */
    private static int writeLevel(JsonGenerator g, Column values, int[] shape, int axis, int offset) throws IOException {
        g.writeStartArray();
        int n = shape[axis];
        if (axis == shape.length - 1) {
            writeRun(g, values, offset, n);
            offset += n;
        } else {
            for (int i = 0; i < n; i++) {
                offset = writeLevel(g, values, shape, axis + 1, offset);
            }
        }
        g.writeEndArray();
        return offset;
    }

    private static void writeRun(JsonGenerator g, Column values, int from, int n) throws IOException {
        switch (values) {
            case DoubleColumn d -> {
                double[] v = d.values();
                FloatText text = FLOAT_TEXT.get();
                for (int i = from; i < from + n; i++) {
                    text.write(g, v[i]);
                }
            }
            case LongColumn l -> {
                for (int i = from; i < from + n; i++) {
                    writeLong(g, l, i);
                }
            }
            case BooleanColumn b -> {
                boolean[] v = b.values();
                for (int i = from; i < from + n; i++) {
                    g.writeBoolean(v[i]);
                }
            }
            case ObjectColumn o -> {
                for (int i = from; i < from + n; i++) {
                    writeObject(g, o.values()[i], 0);
                }
            }
        }
    }

    private static void writeRecords(JsonGenerator g, Frame f) throws IOException {
        g.writeStartArray();
        List<String> names = f.names();
        List<Column> columns = f.columns();
        for (int r = 0; r < f.rows(); r++) {
            g.writeStartObject();
            for (int c = 0; c < columns.size(); c++) {
                g.writeFieldName(names.get(c));
                writeCell(g, columns.get(c), r);
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeCell(JsonGenerator g, Column column, int i) throws IOException {
        switch (column) {
            case DoubleColumn d -> FLOAT_TEXT.get().write(g, d.values()[i]);
            case LongColumn l -> writeLong(g, l, i);
            case BooleanColumn b -> g.writeBoolean(b.values()[i]);
            case ObjectColumn o -> writeObject(g, o.values()[i], 0);
        }
    }

    private static void writeLong(JsonGenerator g, LongColumn l, int i) throws IOException {
        long v = l.values()[i];
        if (l.dtype() == Dtype.UINT64 && v < 0) {
            g.writeNumber(Long.toUnsignedString(v));
        } else if (l.dtype() == Dtype.DATETIME64) {
            g.writeString(Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000_000L), Math.floorMod(v, 1_000_000_000L)).toString().replace("Z", ""));
        } else {
            g.writeNumber(v);
        }
    }

    private static void writeObject(JsonGenerator g, Object value, int depth) throws IOException {
        if (depth > Json.MAX_DEPTH) {
            throw new IllegalArgumentException("prediction nested deeper than " + Json.MAX_DEPTH);
        }
        switch (value) {
            case null -> g.writeNull();
            case String s -> g.writeString(s);
            case Double d -> FLOAT_TEXT.get().write(g, d);
            case Float f -> FLOAT_TEXT.get().write(g, f);
            case Long l -> g.writeNumber(l);
            case Integer n -> g.writeNumber(n);
            case BigInteger b -> g.writeNumber(b);
            case BigDecimal b -> g.writeNumber(b);
            case Boolean b -> g.writeBoolean(b);
            case byte[] b -> g.writeString(MIME.encodeToString(b) + "\n"); // base64.encodebytes
            case List<?> list -> {
                g.writeStartArray();
                for (Object item : list) {
                    writeObject(g, item, depth + 1);
                }
                g.writeEndArray();
            }
            case Map<?, ?> map -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    g.writeFieldName(String.valueOf(e.getKey()));
                    writeObject(g, e.getValue(), depth + 1);
                }
                g.writeEndObject();
            }
            case Tensor t -> writeTensor(g, t);
            default -> g.writeString(value.toString());
        }
    }

    private static final class FloatText {
        private final StringBuilder text = new StringBuilder(64);
        private final char[] chars = new char[64];

        void write(JsonGenerator g, double d) throws IOException {
            if (!Double.isFinite(d)) {
                g.writeNumber(PythonRepr.floatRepr(d));
                return;
            }
            text.setLength(0);
            PythonRepr.appendFloatRepr(d, text);
            int n = text.length();
            text.getChars(0, n, chars, 0);
            g.writeNumber(chars, 0, n);
        }
    }
}
