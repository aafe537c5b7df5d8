package dev.modelport.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.ModelportException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The JSON strings MLflow stores under {@code signature:} in MLmodel (inputs, outputs, params). */
final class SignatureJson {
    private static final ObjectMapper JSON = new ObjectMapper();
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
        JsonNode array = jsonArray(value, field);
        if (array == null) {
            return Optional.empty();
        }
        if (array.isEmpty()) {
            return Optional.of(new ColumnSchema(List.of()));
        }
        boolean tensors = "tensor".equals(array.get(0).path("type").asText());
        List<ColSpec> columns = new ArrayList<>();
        List<TensorSpec> specs = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode spec = array.get(i);
            String where = field + "[" + i + "]";
            if (!spec.isObject()) {
                throw error(where, "expected an object, got " + spec);
            }
            boolean isTensor = "tensor".equals(spec.path("type").asText());
            if (isTensor != tensors) {
                throw error(where, "mixes column and tensor specs; MLflow allows only one kind per schema");
            }
            if (tensors) {
                specs.add(tensorSpec(spec, where));
            } else {
                columns.add(colSpec(spec, where));
            }
        }
        return Optional.of(tensors ? new TensorSchema(specs) : new ColumnSchema(columns));
    }

    private TensorSpec tensorSpec(JsonNode spec, String where) {
        JsonNode tensor = spec.get("tensor-spec");
        if (tensor == null || !tensor.isObject()) {
            throw error(where, "a tensor spec needs a \"tensor-spec\" object");
        }
        JsonNode dtype = tensor.get("dtype");
        if (dtype == null || !dtype.isTextual()) {
            throw error(where + ".tensor-spec.dtype", "missing numpy dtype");
        }
        if (!NUMPY_DTYPE.matcher(dtype.asText()).matches()) {
            throw error(where + ".tensor-spec.dtype", "unknown numpy dtype '" + dtype.asText() + "'");
        }
        return new TensorSpec(name(spec, where), dtype.asText(), shape(tensor.get("shape"), where + ".tensor-spec.shape")
                .orElseThrow(() -> error(where + ".tensor-spec.shape", "missing shape")));
    }

    private ColSpec colSpec(JsonNode spec, String where) {
        boolean required = spec.has("required") ? bool(spec.get("required"), where + ".required")
                : spec.has("optional") && !spec.get("optional").isNull() ? !bool(spec.get("optional"), where + ".optional") : true;
        return new ColSpec(name(spec, where), colType(spec, where), required);
    }

    private boolean bool(JsonNode node, String where) {
        if (node.isNull()) {
            return true;
        }
        if (!node.isBoolean()) {
            throw error(where, "expected true or false, got " + node);
        }
        return node.asBoolean();
    }

    private ColType colType(JsonNode spec, String where) {
        JsonNode type = spec.get("type");
        if (type == null || !type.isTextual()) {
            throw error(where + ".type", "missing type");
        }
        String name = type.asText();
        return switch (name) {
            case "array" -> new ColType.ArrayType(colType(required(spec, "items", where), where + ".items"));
            case "map" -> new ColType.MapType(colType(required(spec, "values", where), where + ".values"));
            case "any" -> new ColType.AnyType();
            case "object" -> objectType(required(spec, "properties", where), where + ".properties");
            default -> DataType.fromMlflowName(name).orElseThrow(() -> error(where + ".type",
                    "unknown type '" + name + "' (MLflow types: boolean, integer, long, float, double, string, binary, datetime, array, object, map, any)"));
        };
    }

    private ColType objectType(JsonNode properties, String where) {
        if (!properties.isObject()) {
            throw error(where, "expected an object of properties");
        }
        List<ColType.Property> list = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = properties.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = where + "." + e.getKey();
            list.add(new ColType.Property(e.getKey(), colType(e.getValue(), at), e.getValue().path("required").asBoolean(true)));
        }
        return new ColType.ObjectType(list);
    }

    private Optional<ParamSchema> params(Object value, String field) {
        JsonNode array = jsonArray(value, field);
        if (array == null) {
            return Optional.empty();
        }
        List<ParamSpec> params = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode spec = array.get(i);
            String where = field + "[" + i + "]";
            JsonNode name = spec.get("name");
            if (name == null || !name.isTextual()) {
                throw error(where + ".name", "missing param name");
            }
            String typeName = spec.path("type").asText();
            DataType type = DataType.fromMlflowName(typeName)
                    .orElseThrow(() -> error(where + ".type", "unknown param type '" + typeName + "'"));
            params.add(new ParamSpec(name.asText(), type, plain(spec.get("default")), shape(spec.get("shape"), where + ".shape")));
        }
        return Optional.of(new ParamSchema(params));
    }

    private Optional<List<Integer>> shape(JsonNode shape, String where) {
        if (shape == null || shape.isNull()) {
            return Optional.empty();
        }
        if (!shape.isArray()) {
            throw error(where, "expected a list of dimensions, got " + shape);
        }
        List<Integer> dims = new ArrayList<>();
        for (JsonNode d : shape) {
            if (!d.canConvertToInt()) {
                throw error(where, "expected integer dimensions, got " + shape);
            }
            dims.add(d.asInt());
        }
        return Optional.of(dims);
    }

    private static Optional<String> name(JsonNode spec, String where) {
        JsonNode name = spec.get("name");
        return name == null || name.isNull() ? Optional.empty() : Optional.of(name.asText());
    }

    private JsonNode required(JsonNode spec, String key, String where) {
        JsonNode node = spec.get(key);
        if (node == null || node.isNull()) {
            throw error(where + "." + key, "missing");
        }
        return node;
    }

    private JsonNode jsonArray(Object value, String field) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw error(field, "expected a JSON string as MLflow writes it, got " + describe(value));
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw error(field, "not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw error(field, "expected a JSON list of specs, got " + node.getNodeType().name().toLowerCase());
        }
        return node;
    }

    /** A JSON default value as a plain Java value: Long, Double, Boolean, String, List, Map or null. */
    private static Object plain(JsonNode node) {
        return node == null || node.isNull() ? null : normalizeNumbers(JSON.convertValue(node, Object.class));
    }

    private static Object normalizeNumbers(Object value) {
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(SignatureJson::normalizeNumbers).toList();
        }
        return value;
    }

    private ModelportException error(String field, String problem) {
        return ModelportException.badModel("%s: field '%s': %s", source, field, problem);
    }

    private static String describe(Object value) {
        return value.getClass().getSimpleName() + " " + value;
    }
}
