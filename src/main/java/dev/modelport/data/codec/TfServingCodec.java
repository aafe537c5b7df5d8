package dev.modelport.data.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.modelport.ModelportException;
import dev.modelport.data.Column;
import dev.modelport.data.Dtype;
import dev.modelport.data.Frame;
import dev.modelport.data.Input;
import dev.modelport.data.ObjectColumn;
import dev.modelport.data.Tensor;
import dev.modelport.data.TensorMap;
import dev.modelport.python.CastFailure;
import dev.modelport.python.NumpyCast;
import dev.modelport.python.PythonRepr;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * TF-serving input, the value of {@code instances} (row format) or {@code inputs} (columnar), as
 * MLflow's {@code parse_tf_serving_input} reads it: a list of values is one ndarray (typed by the
 * signature's first input), a dict is named arrays, a list of records becomes named columns
 * ({@code instances}) or a DataFrame ({@code inputs}, when the signature is column-based).
 */
final class TfServingCodec {
    private TfServingCodec() {
    }

    static Input decode(JsonParser p, boolean instances, DecodeContext ctx) throws IOException {
        Optional<SchemaHint> hint = ctx.hint();
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            if (hint.isPresent() && !hint.get().named()) {
                p.skipChildren();
                throw unnamedSignature(ctx, "dict");
            }
            Map<String, TypeHint> byName = hint.map(SchemaHint::byName).orElse(Map.of());
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                tensors.put(name, NdArrayReader.read(p, target(byName.get(name)), ctx));
            }
            if (instances) {
                checkLengths(tensors, hint, ctx);
            }
            return new TensorMap(tensors);
        }
        if (t == JsonToken.START_ARRAY) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.START_OBJECT) {
                return records(p, instances, ctx);
            }
            Dtype target = null;
            String single = null;
            if (hint.isPresent() && !hint.get().inputs().isEmpty()) {
                TypeHint h = hint.get().inputs().get(0);
                target = target(h);
                if (hint.get().named() && hint.get().inputs().size() == 1) {
                    single = h.name().orElseThrow();
                }
            }
            if (first == JsonToken.END_ARRAY && single == null) {
                return Tensor.vector(new ObjectColumn(new Object[0], Dtype.OBJECT)); // MLflow keeps an empty list a list
            }
            Tensor tensor = NdArrayReader.readFromFirst(p, first, target, ctx);
            return single != null ? new TensorMap(Map.of(single, tensor)) : tensor;
        }
        if (hint.isPresent() && !hint.get().named()) {
            Object value = Json.readValue(p);
            throw unnamedSignature(ctx, PythonRepr.typeName(value));
        }
        return NdArrayReader.read(p, hint.flatMap(h -> h.inputs().stream().findFirst()).map(TfServingCodec::target).orElse(null), ctx);
    }

    private static Dtype target(TypeHint h) {
        return h == null || !h.convert() ? null : h.arrayDtype();
    }

    private static RuntimeException unnamedSignature(DecodeContext ctx, String type) {
        return ctx.invalid("Failed to parse input data. This model contains an un-named tensor-based model signature which expects a"
                + " single n-dimensional array as input, however, an input of type " + DecodeContext.pythonClass(type) + " was found.");
    }

    /** A list of records, its first START_OBJECT current. */
    private static Input records(JsonParser p, boolean instances, DecodeContext ctx) throws IOException {
        Optional<SchemaHint> hint = ctx.hint();
        if (!instances && hint.isEmpty()) {
            List<Object> rows = new ArrayList<>(); // no signature: the model gets the list of dicts as sent
            JsonToken row = p.currentToken();
            while (row != JsonToken.END_ARRAY) {
                rows.add(Json.readValue(p));
                row = p.nextToken();
            }
            return Tensor.vector(new ObjectColumn(rows.toArray(), Dtype.OBJECT));
        }
        Map<String, TypeHint> byName = hint.map(SchemaHint::byName).orElse(Map.of());
        if (!instances) {
            Frame raw = DataframeRecordsCodec.readRows(p, JsonToken.START_OBJECT);
            List<Column> columns = new ArrayList<>();
            for (int i = 0; i < raw.width(); i++) {
                columns.add(convertCells(raw.names().get(i), raw.columns().get(i), byName.get(raw.names().get(i)), ctx));
            }
            return new Frame(raw.names(), columns, raw.rows());
        }
        Map<String, Object> columns = new LinkedHashMap<>(); // a ColumnBuilder of scalars, or StackedArrays
        Map<String, Integer> counts = new HashMap<>();
        JsonToken row = p.currentToken();
        while (row != JsonToken.END_ARRAY) {
            if (row != JsonToken.START_OBJECT) {
                throw ctx.invalid("Ensure that the input is a valid JSON-formatted string.\nError: AttributeError(\"'"
                        + PythonRepr.typeName(Json.readValue(p)) + "' object has no attribute 'items'\")");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                int n = counts.merge(name, 1, Integer::sum);
                Object column = columns.get(name);
                if (column == null) {
                    column = value == JsonToken.START_ARRAY ? new StackedArrays() : new ColumnBuilder(8);
                    columns.put(name, column);
                }
                if (column instanceof StackedArrays arrays) {
                    arrays.add(p);
                } else {
                    ((ColumnBuilder) column).put(n - 1, p);
                }
            }
            row = p.nextToken();
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : columns.entrySet()) {
            int n = counts.get(e.getKey());
            Dtype target = target(byName.get(e.getKey()));
            if (e.getValue() instanceof StackedArrays arrays) {
                tensors.put(e.getKey(), arrays.stack(target, ctx));
                continue;
            }
            ColumnBuilder values = (ColumnBuilder) e.getValue();
            try {
                Column c = target == null ? values.buildNumpy(n) : values.buildAs(n, target);
                tensors.put(e.getKey(), Tensor.vector(c));
            } catch (CastFailure failure) {
                throw ctx.invalid(failure.getMessage());
            }
        }
        checkLengths(tensors, hint, ctx);
        return new TensorMap(tensors);
    }

    /**
     * One name's record values when they are arrays: MLflow makes each {@code np.array(v, dtype)} and
     * then {@code np.array} of those, which for equal shapes stacks them as {@code np.array} of the
     * nested list would (and refuses ragged ones alike), so the values are re-read as one nested list.
     */
    private static final class StackedArrays {
        private final ByteArrayOutputStream json = new ByteArrayOutputStream();
        private final JsonGenerator out;

        StackedArrays() {
            try {
                out = Json.FACTORY.createGenerator(json);
                out.writeStartArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void add(JsonParser p) throws IOException {
            out.copyCurrentStructure(p);
        }

        Tensor stack(Dtype target, DecodeContext ctx) throws IOException {
            out.writeEndArray();
            out.close();
            try (JsonParser p = Json.FACTORY.createParser(json.toByteArray())) {
                p.nextToken();
                return NdArrayReader.read(p, target, ctx);
            } catch (ModelportException e) {
                String numpy = e.getMessage().substring("Invalid input. ".length());
                if (!numpy.startsWith(NdArrayReader.RAGGED)) {
                    throw e;
                }
                // the stacking np.array raises outside MLflow's conversion, so its ValueError reaches the generic wrapper
                throw ctx.invalid("Ensure that the input is a valid JSON-formatted string.\nError: ValueError(" + PythonRepr.repr(numpy) + ")");
            }
        }
    }

    /** {@code inputs} records with a signature: each value converted alone ({@code np.array([v], type)[0]}), then framed by pandas. */
    private static Column convertCells(String name, Column raw, TypeHint h, DecodeContext ctx) {
        Dtype target = target(h);
        if (target == null) {
            return raw;
        }
        ColumnBuilder b = new ColumnBuilder(raw.size());
        try {
            for (int i = 0; i < raw.size(); i++) {
                Object v = raw.get(i);
                if (raw.isMissing(i) && v instanceof Double) {
                    b.padTo(i + 1); // absent key: stays missing
                    continue;
                }
                if (target.isFloating()) {
                    b.putFloat(i, target == Dtype.FLOAT32 ? (float) NumpyCast.toDouble(v) : NumpyCast.toDouble(v));
                } else if (target.isInteger()) {
                    b.putInt(i, NumpyCast.toLong(v));
                } else if (target == Dtype.BOOL) {
                    b.putBool(i, NumpyCast.truthy(v));
                } else if (target == Dtype.STR) {
                    b.putString(i, PythonRepr.str(v));
                } else {
                    b.put(i, v);
                }
            }
        } catch (CastFailure failure) {
            throw ctx.invalid(failure.getMessage());
        }
        Column c = b.buildPandas(raw.size());
        return c.dtype() == Dtype.FLOAT64 && target == Dtype.FLOAT32 ? NumpyCast.astype(c, Dtype.FLOAT32, false) : c;
    }

    private static void checkLengths(Map<String, Tensor> tensors, Optional<SchemaHint> hint, DecodeContext ctx) {
        int expected = -1;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (hint.isPresent() && hint.get().named()) {
                TypeHint h = hint.get().byName().get(e.getKey());
                if (h == null || !h.convert()) {
                    continue; // only required, non-array columns of the signature are compared
                }
            }
            Tensor t = e.getValue();
            if (t.rank() == 0) {
                continue;
            }
            if (expected < 0) {
                expected = t.dim(0);
            } else if (t.dim(0) != expected) {
                throw ctx.invalid("The length of values for each input/column name are not the same");
            }
        }
    }
}
