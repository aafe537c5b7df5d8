package dev.modelport.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.modelport.ModelportException;
import dev.modelport.python.PythonJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A model's input example ({@code input_example.json}) as MLflow stores it, following
 * {@code saved_input_example_info} ({@code mlflow/models/utils.py}, {@code _Example}):
 * <ul>
 * <li>{@code type: dataframe}, {@code pandas_orient: split} — {@code {"columns": [...], "data": [[...]]}}
 * ({@code values}: the same without columns; {@code records}: a list of row objects);</li>
 * <li>{@code type: ndarray}, {@code format: tf-serving} — {@code {"inputs": ...}};</li>
 * <li>{@code type: sparse_matrix_csr|sparse_matrix_csc} — {@code {"data", "indices", "indptr", "shape"}};</li>
 * <li>{@code type: json_object} — any JSON value, stored as given;</li>
 * <li>{@code params: "true"} — the file is {@code {"inputs": <example>, "params": {...}}}.</li>
 * </ul>
 * Values are plain Java values: null, Boolean, Long, Double, String, List, Map, and
 * {@link ByteBuffer} for binary (written base64, as MLflow's {@code NumpyEncoder}; decoded again on
 * load for the columns the signature declares {@code binary}). NaN is written as {@code null}, as
 * MLflow does.
 */
public final class InputExample {
    public static final String FILE_NAME = "input_example.json";


    /** How a dataframe example is laid out in the file ({@code pandas_orient}). */
    public enum PandasOrient {
        SPLIT("split"), VALUES("values"), RECORDS("records");

        private final String mlflowName;

        PandasOrient(String mlflowName) {
            this.mlflowName = mlflowName;
        }

        public String mlflowName() {
            return mlflowName;
        }
    }

    /** The example's data, one case per {@code saved_input_example_info.type}. */
    public sealed interface Data permits Dataframe, Ndarray, SparseMatrix, JsonObject {
    }

    /** {@code type: dataframe}: rows of values, with column names unless written as {@code values}. */
    public record Dataframe(Optional<List<String>> columns, List<List<Object>> rows, PandasOrient orient) implements Data {
        public Dataframe {
            Objects.requireNonNull(columns, "columns");
            Objects.requireNonNull(orient, "orient");
            columns = columns.map(List::copyOf);
            List<List<Object>> copy = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                List<?> row = Objects.requireNonNull(rows.get(i), "row");
                if (columns.isPresent() && row.size() != columns.get().size()) {
                    throw new IllegalArgumentException("row " + i + " has " + row.size() + " values but there are "
                            + columns.get().size() + " columns " + columns.get());
                }
                copy.add(plainList(row));
            }
            rows = Collections.unmodifiableList(copy);
            if (orient == PandasOrient.VALUES && columns.isPresent()) {
                throw new IllegalArgumentException("a 'values' dataframe has no column names");
            }
            if (orient != PandasOrient.VALUES && columns.isEmpty()) {
                throw new IllegalArgumentException("a '" + orient.mlflowName() + "' dataframe needs column names");
            }
        }
    }

    /**
     * {@code type: ndarray} ({@code format: tf-serving}): nested lists for one tensor, or a map of
     * tensor name to nested lists.
     */
    public record Ndarray(Object inputs) implements Data {
        public Ndarray {
            Objects.requireNonNull(inputs, "inputs");
            inputs = plain(inputs);
            if (inputs instanceof Map<?, ?> map && map.values().stream().anyMatch(Objects::isNull)) {
                throw new IllegalArgumentException("a named tensor has no values");
            }
        }
    }

    /** {@code type: sparse_matrix_csr} or {@code sparse_matrix_csc}: scipy's compressed arrays. */
    public record SparseMatrix(boolean csc, List<Object> data, List<Long> indices, List<Long> indptr, List<Long> shape) implements Data {
        public SparseMatrix {
            data = plainList(data);
            indices = List.copyOf(indices);
            indptr = List.copyOf(indptr);
            shape = List.copyOf(shape);
            if (shape.size() != 2) {
                throw new IllegalArgumentException("a sparse matrix has a 2-D shape, got " + shape);
            }
            if (data.size() != indices.size()) {
                throw new IllegalArgumentException("sparse matrix data and indices differ in length");
            }
        }

        /** The same matrix as dense rows (absent entries are 0). */
        public List<List<Object>> dense() {
            int rows = Math.toIntExact(shape.get(0));
            int cols = Math.toIntExact(shape.get(1));
            Object[][] cells = new Object[rows][cols];
            for (Object[] row : cells) {
                Arrays.fill(row, 0L);
            }
            int outer = csc ? cols : rows;
            if (indptr.size() != outer + 1) {
                throw new IllegalArgumentException("sparse matrix indptr has " + indptr.size() + " entries, expected " + (outer + 1));
            }
            for (int o = 0; o < outer; o++) {
                for (long k = indptr.get(o); k < indptr.get(o + 1); k++) {
                    int inner = Math.toIntExact(indices.get((int) k));
                    if (csc) {
                        cells[inner][o] = data.get((int) k);
                    } else {
                        cells[o][inner] = data.get((int) k);
                    }
                }
            }
            List<List<Object>> dense = new ArrayList<>(rows);
            for (Object[] row : cells) {
                dense.add(Collections.unmodifiableList(Arrays.asList(row)));
            }
            return Collections.unmodifiableList(dense);
        }
    }

    /** {@code type: json_object}: a JSON value saved without conversion. */
    public record JsonObject(Object value) implements Data {
        public JsonObject {
            value = plain(value);
        }
    }

    private final Data data;
    private final Map<String, Object> params;   // null: the example has no params
    private final String artifactPath;

    private InputExample(Data data, Map<String, Object> params, String artifactPath) {
        this.data = Objects.requireNonNull(data, "data");
        this.params = params == null ? null : plainMap(params);
        this.artifactPath = Objects.requireNonNull(artifactPath, "artifactPath");
    }

    // ---- making examples -------------------------------------------------------------------

    /** A dataframe example with named columns, stored as {@code pandas_orient: split}. */
    public static InputExample dataframe(List<String> columns, List<? extends List<?>> rows) {
        return new InputExample(new Dataframe(Optional.of(columns), objectRows(rows), PandasOrient.SPLIT), null, FILE_NAME);
    }

    /** A dataframe example given as records (one map per row), stored as {@code pandas_orient: records}. */
    public static InputExample records(List<? extends Map<String, ?>> records) {
        return new InputExample(recordsFrame(records), null, FILE_NAME);
    }

    /** A tensor example (nested lists, or a map of tensor name to nested lists), stored tf-serving style. */
    public static InputExample ndarray(Object inputs) {
        return new InputExample(new Ndarray(inputs), null, FILE_NAME);
    }

    /** A JSON value stored without conversion ({@code type: json_object}). */
    public static InputExample json(Object value) {
        return new InputExample(new JsonObject(value), null, FILE_NAME);
    }

    /** Any example data. */
    public static InputExample of(Data data) {
        return new InputExample(data, null, FILE_NAME);
    }

    /** This example with inference params (saved as {@code {"inputs": ..., "params": {...}}}). */
    public InputExample withParams(Map<String, ?> params) {
        return new InputExample(data, new LinkedHashMap<>(Objects.requireNonNull(params, "params")), artifactPath);
    }

    public Data data() {
        return data;
    }

    public Optional<Map<String, Object>> params() {
        return Optional.ofNullable(params);
    }

    /** The example file, relative to the model directory. */
    public String artifactPath() {
        return artifactPath;
    }

    // ---- reading ---------------------------------------------------------------------------

    /**
     * The input example of a model, as {@code Model.load_input_example} reads it: empty when the
     * MLmodel has no {@code saved_input_example_info}; an error naming the file when the info or
     * the file is unusable.
     */
    public static Optional<InputExample> load(ModelDirectory dir, Model model) {
        Optional<Map<String, Object>> info = model.savedInputExampleInfo();
        if (info.isEmpty()) {
            return Optional.empty();
        }
        String where = dir.mlmodelFile() + ": field 'saved_input_example_info'";
        Object path = info.get().get("artifact_path");
        if (!(path instanceof String relative) || relative.isBlank()) {
            throw ModelportException.badModel("%s: 'artifact_path' must name the example file, got %s", where, path);
        }
        Path file = dir.resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw ModelportException.badModel("%s names the input example %s, but there is no such file in %s", where, relative, dir.root());
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ModelportException.badModel(e, "cannot read input example %s: %s", file, e.getMessage());
        }
        return Optional.of(parse(text, info.get(), model.signature().map(ModelSignature::inputs), file.toString()));
    }

    /**
     * Parses the text of an example file as described by {@code saved_input_example_info};
     * {@code inputSchema} decodes binary columns; {@code source} names the file in errors.
     */
    public static InputExample parse(String text, Map<String, ?> info, Optional<Schema> inputSchema, String source) {
        Object type = info.get("type");
        if (!(type instanceof String)) {
            throw ModelportException.badModel("%s: saved_input_example_info has no 'type' (dataframe, ndarray, "
                    + "sparse_matrix_csc, sparse_matrix_csr or json_object)", source);
        }
        Object root;
        try {
            root = normalizeJson(JsonValues.readPython(text));
        } catch (JsonProcessingException e) {
            throw ModelportException.badModel("%s is not valid JSON: %s", source, e.getOriginalMessage());
        }
        Map<String, Object> params = null;
        if (isTrue(info.get("params"))) {
            Map<String, Object> wrapper = object(root, source, "an object with 'inputs' and 'params' (saved_input_example_info.params is true)");
            if (!wrapper.containsKey("inputs")) {
                throw ModelportException.badModel("%s: field 'inputs' is missing (saved_input_example_info.params is true)", source);
            }
            Object p = wrapper.get("params");
            if (p != null && !(p instanceof Map)) {
                throw ModelportException.badModel("%s: field 'params' must be an object, got %s", source, describe(p));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> typed = p == null ? Map.of() : (Map<String, Object>) p;
            params = typed;
            root = wrapper.get("inputs");
        }
        String relative = info.get("artifact_path") instanceof String s ? s : FILE_NAME;
        Data data = switch ((String) type) {
            case "dataframe" -> readDataframe(root, info.get("pandas_orient"), inputSchema, source);
            case "ndarray" -> readNdarray(root, source);
            case "sparse_matrix_csc", "sparse_matrix_csr" -> readSparse(root, type.equals("sparse_matrix_csc"), source);
            case "json_object" -> new JsonObject(root);
            default -> throw ModelportException.badModel("%s: saved_input_example_info.type '%s' is not an MLflow example type "
                    + "(dataframe, ndarray, sparse_matrix_csc, sparse_matrix_csr, json_object)", source, type);
        };
        return new InputExample(data, params, relative);
    }

    private static Data readDataframe(Object root, Object orientName, Optional<Schema> schema, String source) {
        PandasOrient orient = orientName == null ? PandasOrient.SPLIT : Arrays.stream(PandasOrient.values())
                .filter(o -> o.mlflowName().equals(orientName)).findFirst()
                .orElseThrow(() -> ModelportException.badModel("%s: saved_input_example_info.pandas_orient '%s' is not "
                        + "split, values or records", source, orientName));
        Dataframe frame;
        if (orient == PandasOrient.RECORDS || root instanceof List<?> && orient != PandasOrient.VALUES) {
            if (!(root instanceof List<?> list) || !list.stream().allMatch(r -> r instanceof Map)) {
                throw ModelportException.badModel("%s: a 'records' dataframe example must be a list of objects, got %s", source, describe(root));
            }
            @SuppressWarnings("unchecked")
            List<Map<String, ?>> records = (List<Map<String, ?>>) list;
            frame = recordsFrame(records);
        } else {
            List<?> data;
            Optional<List<String>> columns = Optional.empty();
            if (root instanceof List<?> list) {
                data = list;
            } else {
                Map<String, Object> split = object(root, source, "an object with 'columns' and 'data'");
                if (!(split.get("data") instanceof List<?> list)) {
                    throw ModelportException.badModel("%s: field 'data' must be a list of rows, got %s", source, describe(split.get("data")));
                }
                data = list;
                Object cols = split.get("columns");
                if (cols != null) {
                    if (!(cols instanceof List<?> names)) {
                        throw ModelportException.badModel("%s: field 'columns' must be a list of names, got %s", source, describe(cols));
                    }
                    columns = Optional.of(names.stream().map(String::valueOf).toList());
                }
            }
            List<List<?>> rows = new ArrayList<>();
            for (Object row : data) {
                rows.add(row instanceof List<?> values ? values : Collections.singletonList(row));
            }
            try {
                frame = new Dataframe(columns, objectRows(decodeBinary(columns, rows, schema, source)),
                        columns.isPresent() ? (orient == PandasOrient.VALUES ? PandasOrient.SPLIT : orient) : PandasOrient.VALUES);
            } catch (IllegalArgumentException e) {
                throw ModelportException.badModel("%s: %s", source, e.getMessage());
            }
            return frame;
        }
        return new Dataframe(frame.columns(), objectRows(decodeBinary(frame.columns(), frame.rows(), schema, source)), frame.orient());
    }

    /** Base64-decodes the values of columns the signature declares binary, as MLflow does when it reads an example. */
    private static List<List<?>> decodeBinary(Optional<List<String>> columns, List<? extends List<?>> rows, Optional<Schema> schema, String source) {
        if (schema.isEmpty() || !(schema.get() instanceof ColumnSchema cols)) {
            return new ArrayList<>(rows);
        }
        int width = rows.stream().mapToInt(List::size).max().orElse(0);
        boolean[] binary = new boolean[width];
        boolean any = false;
        for (int c = 0; c < width; c++) {
            final int index = c;
            Optional<ColSpec> spec = columns.isPresent() && cols.hasNames()
                    ? cols.columns().stream().filter(s -> s.name().equals(Optional.of(columns.get().get(index)))).findFirst()
                    : index < cols.columns().size() ? Optional.of(cols.columns().get(index)) : Optional.empty();
            binary[c] = spec.map(s -> s.type() == DataType.BINARY).orElse(false);
            any |= binary[c];
        }
        if (!any) {
            return new ArrayList<>(rows);
        }
        List<List<?>> decoded = new ArrayList<>(rows.size());
        for (List<?> row : rows) {
            List<Object> copy = new ArrayList<>(row);
            for (int c = 0; c < copy.size(); c++) {
                if (binary[c] && copy.get(c) instanceof String s) {
                    final int col = c;
                    try {
                        copy.set(c, ByteBuffer.wrap(Base64.getMimeDecoder().decode(s)).asReadOnlyBuffer());
                    } catch (IllegalArgumentException e) {
                        throw ModelportException.badModel("%s: binary column %s holds a value that is not base64: %s", source,
                                columns.map(n -> "'" + n.get(col) + "'").orElse("#" + col), e.getMessage());
                    }
                }
            }
            decoded.add(copy);
        }
        return decoded;
    }

    private static Data readNdarray(Object root, String source) {
        Map<String, Object> tfServing = object(root, source, "a tf-serving object {\"inputs\": ...}");
        if (tfServing.containsKey("inputs") && tfServing.get("inputs") != null) {
            return new Ndarray(tfServing.get("inputs"));
        }
        if (tfServing.get("instances") instanceof List<?> instances) {
            if (!instances.isEmpty() && instances.stream().allMatch(i -> i instanceof Map)) {
                Map<String, List<Object>> columnar = new LinkedHashMap<>();
                for (Object instance : instances) {
                    ((Map<?, ?>) instance).forEach((k, v) -> columnar.computeIfAbsent(String.valueOf(k), n -> new ArrayList<>()).add(v));
                }
                return new Ndarray(columnar);
            }
            return new Ndarray(instances);
        }
        throw ModelportException.badModel("%s: a tf-serving example needs field 'inputs' (or 'instances'); it has %s", source, tfServing.keySet());
    }

    private static Data readSparse(Object root, boolean csc, String source) {
        Map<String, Object> m = object(root, source, "an object with data, indices, indptr and shape");
        try {
            return new SparseMatrix(csc, list(m, "data", source), longs(m, "indices", source), longs(m, "indptr", source), longs(m, "shape", source));
        } catch (IllegalArgumentException e) {
            throw ModelportException.badModel("%s: %s", source, e.getMessage());
        }
    }

    private static List<Object> list(Map<String, Object> m, String key, String source) {
        if (!(m.get(key) instanceof List<?> list)) {
            throw ModelportException.badModel("%s: field '%s' must be a list, got %s", source, key, describe(m.get(key)));
        }
        return new ArrayList<>(list);
    }

    private static List<Long> longs(Map<String, Object> m, String key, String source) {
        List<Long> longs = new ArrayList<>();
        for (Object v : list(m, key, source)) {
            if (!(v instanceof Long l)) {
                throw ModelportException.badModel("%s: field '%s' must hold integers, got %s", source, key, describe(v));
            }
            longs.add(l);
        }
        return longs;
    }

    // ---- writing ---------------------------------------------------------------------------

    /** {@code saved_input_example_info} for this example, as MLflow writes it. */
    public Map<String, Object> info() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("artifact_path", artifactPath);
        switch (data) {
            case Dataframe frame -> {
                info.put("type", "dataframe");
                info.put("pandas_orient", frame.orient().mlflowName());
            }
            case Ndarray ndarray -> {
                info.put("type", "ndarray");
                info.put("format", "tf-serving");
            }
            case SparseMatrix sparse -> info.put("type", sparse.csc() ? "sparse_matrix_csc" : "sparse_matrix_csr");
            case JsonObject json -> info.put("type", "json_object");
        }
        if (params != null) {
            info.put("params", "true");
        }
        return Collections.unmodifiableMap(info);
    }

    /** The text of {@code input_example.json}, byte for byte as MLflow writes it. */
    public String toFileJson() {
        Object content = switch (data) {
            case Dataframe frame -> switch (frame.orient()) {
                case SPLIT -> splitObject(frame);
                case VALUES -> splitObject(frame);
                case RECORDS -> recordList(frame);
            };
            case Ndarray ndarray -> Map.of("inputs", ndarray.inputs());
            case SparseMatrix sparse -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("data", sparse.data());
                m.put("indices", sparse.indices());
                m.put("indptr", sparse.indptr());
                m.put("shape", sparse.shape());
                yield m;
            }
            case JsonObject json -> json.value();
        };
        if (params != null) {
            Map<String, Object> wrapper = new LinkedHashMap<>();
            wrapper.put("inputs", content);
            wrapper.put("params", params);
            content = wrapper;
        }
        return data instanceof JsonObject ? PythonJson.dumps(content) : PythonJson.dumpsData(content);
    }

    /** Writes the example file into a model directory; returns its {@code saved_input_example_info}. */
    public Map<String, Object> save(Path modelDir) {
        Path file = new ModelDirectory(modelDir).resolve(artifactPath);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, toFileJson(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ModelportException.badModel(e, "cannot write input example %s: %s", file, e.getMessage());
        }
        return info();
    }

    /**
     * An MLflow 2.x {@code /invocations} request body equivalent to this example:
     * {@code {"dataframe_split": ...}} for a split frame, {@code {"dataframe_records": [...]}} for
     * records, {@code {"inputs": ...}} for tensors, sparse matrices (as dense rows) and JSON
     * objects; with {@code "params"} when the example has params.
     */
    public String toRequestJson() {
        Map<String, Object> request = new LinkedHashMap<>();
        switch (data) {
            case Dataframe frame when frame.orient() == PandasOrient.RECORDS -> request.put("dataframe_records", recordList(frame));
            case Dataframe frame -> request.put("dataframe_split", splitObject(frame));
            case Ndarray ndarray -> request.put("inputs", ndarray.inputs());
            case SparseMatrix sparse -> request.put("inputs", sparse.dense());
            case JsonObject json -> request.put("inputs", json.value());
        }
        if (params != null) {
            request.put("params", params);
        }
        return PythonJson.dumpsData(request);
    }

    private static Map<String, Object> splitObject(Dataframe frame) {
        Map<String, Object> split = new LinkedHashMap<>();
        frame.columns().ifPresent(c -> split.put("columns", c));
        split.put("data", frame.rows());
        return split;
    }

    private static List<Map<String, Object>> recordList(Dataframe frame) {
        List<String> columns = frame.columns().orElseThrow();
        List<Map<String, Object>> records = new ArrayList<>();
        for (List<Object> row : frame.rows()) {
            Map<String, Object> record = new LinkedHashMap<>();
            for (int c = 0; c < columns.size(); c++) {
                record.put(columns.get(c), row.get(c));
            }
            records.add(record);
        }
        return records;
    }

    private static Dataframe recordsFrame(List<? extends Map<String, ?>> records) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        records.forEach(r -> r.keySet().forEach(k -> names.add(String.valueOf(k))));
        List<String> columns = List.copyOf(names);
        List<List<?>> rows = new ArrayList<>();
        for (Map<String, ?> record : records) {
            List<Object> row = new ArrayList<>(columns.size());
            columns.forEach(c -> row.add(record.get(c)));
            rows.add(row);
        }
        return new Dataframe(Optional.of(columns), objectRows(rows), PandasOrient.RECORDS);
    }

    // ---- plain values --------------------------------------------------------------------

    private static List<List<Object>> objectRows(List<? extends List<?>> rows) {
        List<List<Object>> copy = new ArrayList<>(Objects.requireNonNull(rows, "rows").size());
        rows.forEach(r -> copy.add(plainList(Objects.requireNonNull(r, "row"))));
        return copy;
    }

    /** Normalizes a value to the plain, unmodifiable kinds this class holds. */
    static Object plain(Object value) {
        return switch (value) {
            case null -> null;
            case String s -> s;
            case Boolean b -> b;
            case Long l -> l;
            case Integer i -> i.longValue();
            case Short s -> s.longValue();
            case Byte b -> b.longValue();
            case Double d -> d;
            case Float f -> f.doubleValue();
            case BigDecimal d -> d.doubleValue();
            case java.math.BigInteger i -> i.bitLength() < 64 ? (Object) i.longValue() : i;
            case byte[] bytes -> ByteBuffer.wrap(bytes.clone()).asReadOnlyBuffer();
            case ByteBuffer bytes -> bytes.isReadOnly() ? bytes : bytes.asReadOnlyBuffer();
            case List<?> list -> plainList(list);
            case Map<?, ?> map -> plainMap(map);
            case Object[] array -> plainList(Arrays.asList(array));
            default -> throw new IllegalArgumentException("an input example holds JSON values, not " + value.getClass().getName());
        };
    }

    private static List<Object> plainList(List<?> list) {
        List<Object> copy = new ArrayList<>(list.size());
        list.forEach(v -> copy.add(plain(v)));
        return Collections.unmodifiableList(copy);
    }

    private static Map<String, Object> plainMap(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
        return Collections.unmodifiableMap(copy);
    }

    private static Object normalizeJson(Object parsed) {
        return plain(parsed);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object root, String source, String expected) {
        if (!(root instanceof Map<?, ?>)) {
            throw ModelportException.badModel("%s: expected %s, got %s", source, expected, describe(root));
        }
        return (Map<String, Object>) root;
    }

    private static boolean isTrue(Object flag) {
        return flag != null && (Boolean.TRUE.equals(flag) || "true".equalsIgnoreCase(String.valueOf(flag)));
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String kind = value instanceof Map ? "an object" : value instanceof List ? "a list" : value instanceof String ? "a string"
                : value instanceof Number ? "a number" : value.getClass().getSimpleName();
        String text = String.valueOf(value);
        return kind + " " + (text.length() > 60 ? text.substring(0, 60) + "…" : text);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InputExample e && data.equals(e.data) && Objects.equals(params, e.params)
                && artifactPath.equals(e.artifactPath);
    }

    @Override
    public int hashCode() {
        return Objects.hash(data, params, artifactPath);
    }

    @Override
    public String toString() {
        return "InputExample[" + info().get("type") + "]";
    }
}
