package dev.modelport.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.ModelportException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The JSON strings MLflow stores under {@code signature:} in MLmodel (inputs, outputs, params). */
final class SignatureJson {
    private static final ObjectMapper JSON = new ObjectMapper();

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
        return new TensorSpec(name(spec, where), dtype.asText(), shape(tensor.get("shape"), where + ".tensor-spec.shape")
                .orElseThrow(() -> error(where + ".tensor-spec.shape", "missing shape")));
    }

    private ColSpec colSpec(JsonNode spec, String where) {
        boolean required = spec.has("required") ? spec.get("required").asBoolean(true) : !spec.path("optional").asBoolean(false);
        return new ColSpec(name(spec, where), colType(spec, where), required);
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
