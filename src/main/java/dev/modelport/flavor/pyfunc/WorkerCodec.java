package dev.modelport.flavor.pyfunc;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.modelport.ErrorCode;
import dev.modelport.ModelportException;
import dev.modelport.data.Column;
import dev.modelport.data.Dtype;
import dev.modelport.data.Frame;
import dev.modelport.data.Input;
import dev.modelport.data.ObjectColumn;
import dev.modelport.data.Output;
import dev.modelport.data.Params;
import dev.modelport.data.Tensor;
import dev.modelport.data.TensorMap;
import dev.modelport.data.codec.Json;
import dev.modelport.python.PythonRepr;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Turns an enforced input and its params into a worker request, and a worker reply into an
 * {@link Output} or the failure MLflow reports for it. Numeric and boolean columns travel as
 * {@code .npy}; strings and other objects as JSON lists; a prediction numpy cannot type (a dict, a
 * list, a DataFrame with object cells in odd places) comes back as the JSON MLflow itself would
 * write for it and is kept as a 0-d object tensor holding that value. Stateless.
 */
final class WorkerCodec {
    /** The key of the one-entry JSON object that carries bytes (base64), as the worker decodes it. */
    static final String BYTES_KEY = "__modelport_bytes__";

    private WorkerCodec() {
    }

    /** The predict request for {@code input}; params {@code NONE} travel as None, as MLflow passes them without a params schema. */
    static WorkerMessage request(Input input, Params params) {
        List<byte[]> parts = new ArrayList<>();
        parts.add(null);
        byte[] header = json(g -> {
            g.writeStartObject();
            g.writeFieldName("input");
            writeInput(g, input, parts);
            g.writeFieldName("params");
            writeValue(g, params.values().isEmpty() ? null : params.values(), 0);
            g.writeEndObject();
        });
        parts.set(0, header);
        return new WorkerMessage(parts);
    }

    private static void writeInput(JsonGenerator g, Input input, List<byte[]> parts) throws IOException {
        g.writeStartObject();
        switch (input) {
            case Frame f -> {
                g.writeStringField("kind", "frame");
                writeNames(g, f.names());
                g.writeNumberField("rows", f.rows());
                g.writeArrayFieldStart("columns");
                for (Column c : f.columns()) {
                    g.writeStartObject();
                    writeValues(g, c, new int[] {c.size()}, parts);
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            case Tensor t -> {
                g.writeStringField("kind", "tensor");
                writeValues(g, t.values(), t.shape(), parts);
            }
            case TensorMap m -> {
                g.writeStringField("kind", "tensors");
                writeNames(g, List.copyOf(m.tensors().keySet()));
                g.writeArrayFieldStart("tensors");
                for (Tensor t : m.tensors().values()) {
                    g.writeStartObject();
                    writeValues(g, t.values(), t.shape(), parts);
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
        }
        g.writeEndObject();
    }

    private static void writeNames(JsonGenerator g, List<String> names) throws IOException {
        g.writeArrayFieldStart("names");
        for (String name : names) {
            g.writeString(name);
        }
        g.writeEndArray();
    }

    /** Adds the values as a part and writes its description: {@code part}, {@code enc}, and for JSON the dtype and shape. */
    private static void writeValues(JsonGenerator g, Column values, int[] shape, List<byte[]> parts) throws IOException {
        g.writeNumberField("part", parts.size());
        if (Npy.supports(values)) {
            g.writeStringField("enc", "npy");
            parts.add(Npy.write(values, shape));
            return;
        }
        g.writeStringField("enc", "json");
        g.writeStringField("dtype", values.dtype().numpyName());
        g.writeArrayFieldStart("shape");
        for (int d : shape) {
            g.writeNumber(d);
        }
        g.writeEndArray();
        Object[] objects = ((ObjectColumn) values).values();
        parts.add(json(v -> {
            v.writeStartArray();
            for (Object o : objects) {
                writeValue(v, o, 0);
            }
            v.writeEndArray();
        }));
    }

    private static void writeValue(JsonGenerator g, Object value, int depth) throws IOException {
        if (depth > 200) {
            throw new IllegalArgumentException("value nested deeper than 200 levels");
        }
        switch (value) {
            case null -> g.writeNull();
            case String s -> g.writeString(s);
            case Boolean b -> g.writeBoolean(b);
            case Long l -> g.writeNumber(l);
            case Integer i -> g.writeNumber(i);
            case Double d -> g.writeNumber(d);
            case Float f -> g.writeNumber(f);
            case BigInteger b -> g.writeNumber(b);
            case BigDecimal b -> g.writeNumber(b);
            case byte[] b -> {
                g.writeStartObject();
                g.writeStringField(BYTES_KEY, Base64.getEncoder().encodeToString(b));
                g.writeEndObject();
            }
            case List<?> list -> {
                g.writeStartArray();
                for (Object item : list) {
                    writeValue(g, item, depth + 1);
                }
                g.writeEndArray();
            }
            case Map<?, ?> map -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    g.writeFieldName(String.valueOf(e.getKey()));
                    writeValue(g, e.getValue(), depth + 1);
                }
                g.writeEndObject();
            }
            default -> throw new IllegalArgumentException("cannot send a " + value.getClass().getSimpleName() + " to Python");
        }
    }

    /**
     * The prediction in a worker's reply.
     *
     * @throws PythonException when the model raised (MLflow answers 400 "unexpected error")
     * @throws ModelportException when it raised an MlflowException, answered with its error code as MLflow does
     */
    static Output output(WorkerMessage reply, Input input) {
        Map<String, Object> header = header(reply);
        if (!Boolean.TRUE.equals(header.get("ok"))) {
            throw failure(header, input);
        }
        try {
            return readOutput(map(header.get("output")), reply.parts());
        } catch (IOException | RuntimeException e) {
            throw new ModelportException(ErrorCode.INTERNAL_ERROR, "Modelport could not read the Python worker's prediction: " + e.getMessage(), e);
        }
    }

    /** The header of a reply as plain values. */
    static Map<String, Object> header(WorkerMessage reply) {
        try (JsonParser p = Json.FACTORY.createParser(reply.header())) {
            p.nextToken();
            return map(Json.readValue(p));
        } catch (IOException | ClassCastException e) {
            throw new ModelportException(ErrorCode.INTERNAL_ERROR, "Modelport could not read the Python worker's reply: " + e.getMessage(), e);
        }
    }

    /** The exception a failed reply describes. */
    static RuntimeException failure(Map<String, Object> header, Input input) {
        Map<String, Object> error = map(header.get("error"));
        String type = String.valueOf(error.get("type"));
        String message = String.valueOf(error.get("message"));
        if (error.get("error_code") instanceof String code) {
            ErrorCode errorCode = Arrays.stream(ErrorCode.values()).filter(c -> c.name().equals(code)).findFirst().orElse(ErrorCode.INTERNAL_ERROR);
            return new ModelportException(errorCode, "Failed to predict data '" + PythonRepr.describe(input) + "'. \nError: " + message);
        }
        return new PythonException(type, message, String.valueOf(error.get("traceback")));
    }

    private static Output readOutput(Map<String, Object> desc, List<byte[]> parts) throws IOException {
        return switch (String.valueOf(desc.get("kind"))) {
            case "tensor" -> Npy.read(part(desc, parts));
            case "frame" -> {
                List<String> names = strings(desc.get("names"));
                List<Column> columns = new ArrayList<>();
                for (Object column : (List<?>) desc.get("columns")) {
                    Map<String, Object> c = map(column);
                    columns.add("npy".equals(c.get("enc")) ? Npy.read(part(c, parts)).values() : objects(readJson(part(c, parts))));
                }
                yield new Frame(names, columns, ((Number) desc.get("rows")).intValue());
            }
            case "json" -> new Tensor(new ObjectColumn(new Object[] {readJson(part(desc, parts))}, Dtype.OBJECT));
            default -> throw new IOException("unknown output kind " + desc.get("kind"));
        };
    }

    private static ObjectColumn objects(Object list) throws IOException {
        if (!(list instanceof List<?> values)) {
            throw new IOException("an object column must be a JSON list");
        }
        return new ObjectColumn(values.toArray(), Dtype.OBJECT);
    }

    private static byte[] part(Map<String, Object> desc, List<byte[]> parts) throws IOException {
        int i = ((Number) desc.get("part")).intValue();
        if (i < 1 || i >= parts.size()) {
            throw new IOException("part " + i + " of " + parts.size());
        }
        return parts.get(i);
    }

    private static Object readJson(byte[] bytes) throws IOException {
        try (JsonParser p = Json.FACTORY.createParser(bytes)) {
            p.nextToken();
            return Json.readValue(p);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new ClassCastException("expected a JSON object, got " + value);
        }
        return (Map<String, Object>) map;
    }

    private static List<String> strings(Object value) {
        return ((List<?>) value).stream().map(String::valueOf).toList();
    }

    private interface JsonWriter {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] json(JsonWriter writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator g = Json.FACTORY.createGenerator(bytes)) {
            writer.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
