package dev.modelport.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.modelport.ModelportException;
import dev.modelport.python.PythonJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The JSON strings MLflow stores under {@code signature:} in MLmodel (inputs, outputs, params). */
final class SignatureJson {
    /** The names numpy gives its dtypes ({@code np.dtype(x).name}), which MLflow writes in tensor specs. */
    private static final Pattern NUMPY_DTYPE = Pattern.compile(
            "bool|u?int(8|16|32|64)|float(16|32|64|96|128)|complex(64|128|192|256)|object|str\\d*|bytes\\d*|void\\d*"
                    + "|(datetime|timedelta)64(\\[\\w+\\])?");

    private final String source;

    SignatureJson(String source) {
        this.source = source;
    }

    Optional<ModelSignature> parse(Object signature) {
        if (signature == null) {
            return Optional.empty();
        }
        if (!(signature instanceof Map<?, ?> map)) {
            throw error("signature", "expected a mapping with inputs/outputs/params, got " + describe(signature));
        }
        Optional<Schema> inputs = schema(map.get("inputs"), "signature.inputs");
        if (inputs.isEmpty()) {
            throw error("signature.inputs", "a signature needs inputs");
        }
        return Optional.of(new ModelSignature(inputs.get(), schema(map.get("outputs"), "signature.outputs"),
                params(map.get("params"), "signature.params")));
    }

    /**
     * The {@code signature:} mapping as MLflow's {@code ModelSignature.to_dict()} writes it: inputs,
     * outputs and params as JSON strings, {@code null} for an absent part.
     */
    static Map<String, Object> toDict(ModelSignature signature) {
        Map<String, Object> dict = new LinkedHashMap<>();
        dict.put("inputs", write(signature.inputs()));
        dict.put("outputs", signature.outputs().map(SignatureJson::write).orElse(null));
        dict.put("params", signature.params().map(SignatureJson::write).orElse(null));
        return dict;
    }

    /** A schema as MLflow's {@code Schema.to_json()} writes it. */
    static String write(Schema schema) {
        List<Map<String, Object>> specs = switch (schema) {
            case ColumnSchema columns -> columns.columns().stream().map(SignatureJson::colSpecDict).toList();
            case TensorSchema tensors -> tensors.tensors().stream().map(SignatureJson::tensorSpecDict).toList();
        };
        return PythonJson.dumps(specs);
    }

    /** A params schema as MLflow's {@code ParamSchema.to_json()} writes it. */
    static String write(ParamSchema params) {
        List<Map<String, Object>> specs = new ArrayList<>();
        for (ParamSpec p : params.params()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("name", p.name());
            d.put("type", p.type().mlflowName());
            d.put("default", p.defaultValue());
            d.put("shape", p.shape().orElse(null));
            specs.add(d);
        }
        return PythonJson.dumps(specs);
    }

    private static Map<String, Object> colSpecDict(ColSpec spec) {
        Map<String, Object> d = typeDict(spec.type());
        spec.name().ifPresent(n -> d.put("name", n));
        d.put("required", spec.required());
        return d;
    }

    private static Map<String, Object> typeDict(ColType type) {
        Map<String, Object> d = new LinkedHashMap<>();
        switch (type) {
            case DataType t -> d.put("type", t.mlflowName());
            case ColType.ArrayType a -> {
                d.put("type", "array");
                d.put("items", typeDict(a.items()));
            }
            case ColType.MapType m -> {
                d.put("type", "map");
                d.put("values", typeDict(m.values()));
            }
            case ColType.ObjectType o -> {
                d.put("type", "object");
                Map<String, Object> properties = new LinkedHashMap<>();
                o.properties().stream().sorted((a, b) -> a.name().compareTo(b.name())).forEach(p -> {
                    Map<String, Object> pd = typeDict(p.type());
                    pd.put("required", p.required());
                    properties.put(p.name(), pd);
                });
                d.put("properties", properties);
            }
            case ColType.AnyType any -> d.put("type", "any");
        }
        return d;
    }

    private static Map<String, Object> tensorSpecDict(TensorSpec spec) {
        Map<String, Object> d = new LinkedHashMap<>();
        spec.name().ifPresent(n -> d.put("name", n));
        d.put("type", "tensor");
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("dtype", spec.dtype());
        info.put("shape", spec.shape());
        d.put("tensor-spec", info);
        return d;
    }

    private Optional<Schema> schema(Object value, String field) {
        List<?> array = jsonArray(value, field);
        if (array == null) {
            return Optional.empty();
        }
        if (array.isEmpty()) {
            return Optional.of(new ColumnSchema(List.of()));
        }
        boolean tensors = "tensor".equals(text(get(array.get(0), "type")));
        List<ColSpec> columns = new ArrayList<>();
        List<TensorSpec> specs = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            Object spec = array.get(i);
            String where = field + "[" + i + "]";
            if (!(spec instanceof Map<?, ?> object)) {
                throw error(where, "expected an object, got " + json(spec));
            }
            boolean isTensor = "tensor".equals(text(object.get("type")));
            if (isTensor != tensors) {
                throw error(where, "mixes column and tensor specs; MLflow allows only one kind per schema");
            }
            if (tensors) {
                specs.add(tensorSpec(object, where));
            } else {
                columns.add(colSpec(object, where));
            }
        }
        return Optional.of(tensors ? new TensorSchema(specs) : new ColumnSchema(columns));
    }

    private TensorSpec tensorSpec(Map<?, ?> spec, String where) {
        if (!(spec.get("tensor-spec") instanceof Map<?, ?> tensor)) {
            throw error(where, "a tensor spec needs a \"tensor-spec\" object");
        }
        if (!(tensor.get("dtype") instanceof String dtype)) {
            throw error(where + ".tensor-spec.dtype", "missing numpy dtype");
        }
        if (!NUMPY_DTYPE.matcher(dtype).matches()) {
            throw error(where + ".tensor-spec.dtype", "unknown numpy dtype '" + dtype + "'");
        }
        return new TensorSpec(name(spec), dtype, shape(tensor.get("shape"), where + ".tensor-spec.shape")
                .orElseThrow(() -> error(where + ".tensor-spec.shape", "missing shape")));
    }

    private ColSpec colSpec(Map<?, ?> spec, String where) {
        boolean required = spec.containsKey("required") ? bool(spec.get("required"), where + ".required")
                : spec.get("optional") != null ? !bool(spec.get("optional"), where + ".optional") : true;
        return new ColSpec(name(spec), colType(spec, where), required);
    }

    private boolean bool(Object value, String where) {
        if (value == null) {
            return true;
        }
        if (!(value instanceof Boolean b)) {
            throw error(where, "expected true or false, got " + json(value));
        }
        return b;
    }

    private ColType colType(Object spec, String where) {
        if (!(get(spec, "type") instanceof String name)) {
            throw error(where + ".type", "missing type");
        }
        return switch (name) {
            case "array" -> new ColType.ArrayType(colType(required(spec, "items", where), where + ".items"));
            case "map" -> new ColType.MapType(colType(required(spec, "values", where), where + ".values"));
            case "any" -> new ColType.AnyType();
            case "object" -> objectType(required(spec, "properties", where), where + ".properties");
            default -> DataType.fromMlflowName(name).orElseThrow(() -> error(where + ".type",
                    "unknown type '" + name + "' (MLflow types: boolean, integer, long, float, double, string, binary, datetime, array, object, map, any)"));
        };
    }

    private ColType objectType(Object properties, String where) {
        if (!(properties instanceof Map<?, ?> map)) {
            throw error(where, "expected an object of properties");
        }
        List<ColType.Property> list = new ArrayList<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = (String) e.getKey();
            boolean required = !(get(e.getValue(), "required") instanceof Boolean b) || b;
            list.add(new ColType.Property(key, colType(e.getValue(), where + "." + key), required));
        }
        return new ColType.ObjectType(list);
    }

    private Optional<ParamSchema> params(Object value, String field) {
        List<?> array = jsonArray(value, field);
        if (array == null) {
            return Optional.empty();
        }
        List<ParamSpec> params = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            Object spec = array.get(i);
            String where = field + "[" + i + "]";
            if (!(get(spec, "name") instanceof String name)) {
                throw error(where + ".name", "missing param name");
            }
            String typeName = text(get(spec, "type"));
            DataType type = DataType.fromMlflowName(typeName)
                    .orElseThrow(() -> error(where + ".type", "unknown param type '" + typeName + "'"));
            params.add(new ParamSpec(name, type, get(spec, "default"), shape(get(spec, "shape"), where + ".shape")));
        }
        return Optional.of(new ParamSchema(params));
    }

    private Optional<List<Integer>> shape(Object shape, String where) {
        if (shape == null) {
            return Optional.empty();
        }
        if (!(shape instanceof List<?> list)) {
            throw error(where, "expected a list of dimensions, got " + json(shape));
        }
        List<Integer> dims = new ArrayList<>();
        for (Object d : list) {
            // as Jackson's canConvertToInt/asInt: an integral or float number within int range, truncated
            if (!(d instanceof Long || d instanceof Double) || !(((Number) d).doubleValue() >= Integer.MIN_VALUE
                    && ((Number) d).doubleValue() <= Integer.MAX_VALUE)) {
                throw error(where, "expected integer dimensions, got " + json(shape));
            }
            dims.add(((Number) d).intValue());
        }
        return Optional.of(dims);
    }

    private static Optional<String> name(Map<?, ?> spec) {
        Object name = spec.get("name");
        return name == null ? Optional.empty() : Optional.of(text(name));
    }

    private Object required(Object spec, String key, String where) {
        Object value = get(spec, key);
        if (value == null) {
            throw error(where + "." + key, "missing");
        }
        return value;
    }

    private List<?> jsonArray(Object value, String field) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw error(field, "expected a JSON string as MLflow writes it, got " + describe(value));
        }
        if (text.isBlank()) {
            throw error(field, "expected a JSON list of specs, got missing");
        }
        Object parsed;
        try {
            parsed = JsonValues.read(text);
        } catch (JsonProcessingException e) {
            throw error(field, "not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (parsed == null) {
            return null;
        }
        if (!(parsed instanceof List<?> list)) {
            throw error(field, "expected a JSON list of specs, got " + kind(parsed));
        }
        return list;
    }

    /** A key of a JSON object, null for a missing key or a value that is not an object. */
    private static Object get(Object object, String key) {
        return object instanceof Map<?, ?> map ? map.get(key) : null;
    }

    /** A JSON scalar as text, as Jackson's {@code asText} gives it: "" for null, an object or a list. */
    private static String text(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean ? String.valueOf(value) : "";
    }

    private static String kind(Object value) {
        return switch (value) {
            case Map<?, ?> m -> "object";
            case String s -> "string";
            case Number n -> "number";
            case Boolean b -> "boolean";
            default -> value.getClass().getSimpleName();
        };
    }

    private static String json(Object value) {
        return PythonJson.dumps(value);
    }

    private ModelportException error(String field, String problem) {
        return ModelportException.badModel("%s: field '%s': %s", source, field, problem);
    }

    private static String describe(Object value) {
        return value.getClass().getSimpleName() + " " + value;
    }
}
