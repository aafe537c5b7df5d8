package dev.modelport.serving;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelport.ModelportVersion;
import dev.modelport.model.ColSpec;
import dev.modelport.model.ColType;
import dev.modelport.model.ColumnSchema;
import dev.modelport.model.DataType;
import dev.modelport.model.InputExample;
import dev.modelport.model.Model;
import dev.modelport.model.ParamSpec;
import dev.modelport.model.Schema;
import dev.modelport.model.TensorSchema;
import dev.modelport.model.TensorSpec;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The OpenAPI 3 document Azure ML serves at {@code /swagger.json}, generated from the model's signature
 * and input example: the {@code /score} request ({@code input_data} as a split-orient frame, a tensor or
 * named tensors, plus {@code params}) and response, precise enough for a client generator.
 */
record SwaggerDocument(ObjectNode root) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static SwaggerDocument of(Model model, Optional<InputExample> example) {
        ObjectNode root = JSON.createObjectNode();
        root.put("openapi", "3.0.1");
        ObjectNode info = root.putObject("info");
        info.put("title", "Modelport: MLflow model " + model.flavors().keySet());
        info.put("description", "Scores an MLflow model. Request: {\"input_data\": ..., \"params\": ...}; response: the predictions.");
        info.put("version", ModelportVersion.get());

        ObjectNode schemas = JSON.createObjectNode();
        ObjectNode request = schemas.putObject("ScoreRequest");
        request.put("type", "object");
        request.putArray("required").add("input_data");
        ObjectNode properties = request.putObject("properties");
        properties.set("input_data", model.signature().map(s -> inputSchema(s.inputs())).orElseGet(SwaggerDocument::anyValue));
        model.signature().flatMap(s -> s.params()).ifPresent(params -> properties.set("params", paramsSchema(params.params())));
        example.flatMap(SwaggerDocument::exampleRequest).ifPresent(e -> request.set("example", e));
        schemas.set("ScoreResponse", model.signature().flatMap(s -> s.outputs()).map(SwaggerDocument::outputSchema)
                .orElseGet(SwaggerDocument::anyValue));
        ObjectNode error = schemas.putObject("Error");
        error.put("type", "object");
        error.putArray("required").add("error_code").add("message");
        error.putObject("properties").<ObjectNode>set("error_code", type("string")).set("message", type("string"));

        ObjectNode paths = root.putObject("paths");
        ObjectNode score = paths.putObject("/score").putObject("post");
        score.put("operationId", "score");
        score.put("summary", "Predict with the model");
        ObjectNode body = score.putObject("requestBody");
        body.put("required", true);
        body.putObject("content").putObject("application/json").putObject("schema").put("$ref", "#/components/schemas/ScoreRequest");
        ObjectNode responses = score.putObject("responses");
        response(responses, "200", "The predictions", "ScoreResponse");
        response(responses, "400", "The input does not fit the model (MLflow's error)", "Error");
        response(responses, "504", "The request took longer than the timeout", "Error");
        ObjectNode liveness = paths.putObject("/").putObject("get");
        liveness.put("operationId", "liveness");
        liveness.putObject("responses").putObject("200").put("description", "The server is alive");
        root.putObject("components").set("schemas", schemas);
        return new SwaggerDocument(root);
    }

    byte[] toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void response(ObjectNode responses, String status, String description, String schema) {
        ObjectNode response = responses.putObject(status);
        response.put("description", description);
        response.putObject("content").putObject("application/json").putObject("schema").put("$ref", "#/components/schemas/" + schema);
    }

    private static ObjectNode inputSchema(Schema inputs) {
        return switch (inputs) {
            case ColumnSchema columns -> splitFrame(columns.columns());
            case TensorSchema tensors -> tensors.hasNames() ? namedTensors(tensors.tensors()) : tensor(tensors.tensors().get(0));
        };
    }

    private static ObjectNode outputSchema(Schema outputs) {
        return switch (outputs) {
            case ColumnSchema columns -> records(columns.columns());
            case TensorSchema tensors -> tensors.hasNames() ? namedTensors(tensors.tensors()) : tensor(tensors.tensors().get(0));
        };
    }

    /** pandas' split orient: {"columns": [...], "index": [...], "data": [[...], ...]}. */
    private static ObjectNode splitFrame(List<ColSpec> columns) {
        ObjectNode frame = type("object");
        frame.put("description", "A DataFrame in pandas' split orient, columns: " + columns.stream()
                .map(c -> c.name().orElse("?") + " (" + describe(c.type()) + (c.required() ? "" : ", optional") + ")").toList());
        frame.putArray("required").add("columns").add("data");
        ObjectNode properties = frame.putObject("properties");
        ObjectNode names = properties.putObject("columns");
        names.put("type", "array");
        ObjectNode nameItems = names.putObject("items");
        nameItems.put("type", "string");
        ArrayNode allowed = JSON.createArrayNode();
        columns.forEach(c -> c.name().ifPresent(allowed::add));
        if (!allowed.isEmpty()) {
            nameItems.set("enum", allowed);
        }
        ObjectNode index = properties.putObject("index");
        index.put("type", "array");
        index.set("items", type("integer"));
        ObjectNode data = properties.putObject("data");
        data.put("type", "array");
        ObjectNode row = data.putObject("items");
        row.put("type", "array");
        Set<ObjectNode> cellTypes = new LinkedHashSet<>();
        columns.forEach(c -> cellTypes.add(colType(c.type())));
        if (cellTypes.size() == 1) {
            row.set("items", cellTypes.iterator().next());
        } else {
            row.putObject("items").putArray("anyOf").addAll(cellTypes);
        }
        return frame;
    }

    /** pandas' records orient: [{"column": value, ...}, ...]. */
    private static ObjectNode records(List<ColSpec> columns) {
        ObjectNode list = type("array");
        ObjectNode record = list.putObject("items");
        if (columns.stream().allMatch(c -> c.name().isPresent())) {
            record.put("type", "object");
            ObjectNode properties = record.putObject("properties");
            columns.forEach(c -> properties.set(c.name().orElseThrow(), colType(c.type())));
        } else {
            record.setAll(colType(columns.get(0).type()));
        }
        return list;
    }

    private static ObjectNode namedTensors(List<TensorSpec> tensors) {
        ObjectNode object = type("object");
        ObjectNode properties = object.putObject("properties");
        ArrayNode required = object.putArray("required");
        tensors.forEach(t -> {
            properties.set(t.name().orElseThrow(), tensor(t));
            required.add(t.name().orElseThrow());
        });
        return object;
    }

    /** Nested arrays, one level per dimension, around the dtype's scalar type. */
    private static ObjectNode tensor(TensorSpec spec) {
        ObjectNode node = numpyType(spec.dtype());
        for (int i = spec.shape().size() - 1; i >= 0; i--) {
            ObjectNode array = type("array");
            array.set("items", node);
            int dim = spec.shape().get(i);
            if (dim >= 0) {
                array.put("minItems", dim);
                array.put("maxItems", dim);
            }
            node = array;
        }
        node.put("description", "A tensor of " + spec.dtype() + ", shape " + spec.shape() + " (-1: any size)");
        return node;
    }

    private static ObjectNode paramsSchema(List<ParamSpec> params) {
        ObjectNode object = type("object");
        ObjectNode properties = object.putObject("properties");
        for (ParamSpec p : params) {
            ObjectNode scalar = colType(p.type());
            ObjectNode node = p.shape().isPresent() ? type("array") : scalar;
            if (p.shape().isPresent()) {
                node.set("items", scalar);
            }
            if (p.defaultValue() != null) {
                node.set("default", JSON.valueToTree(p.defaultValue()));
            }
            properties.set(p.name(), node);
        }
        return object;
    }

    private static ObjectNode colType(ColType type) {
        return switch (type) {
            case DataType.BOOLEAN -> type("boolean");
            case DataType.INTEGER -> format("integer", "int32");
            case DataType.LONG -> format("integer", "int64");
            case DataType.FLOAT -> format("number", "float");
            case DataType.DOUBLE -> format("number", "double");
            case DataType.STRING -> type("string");
            case DataType.BINARY -> format("string", "byte");
            case DataType.DATETIME -> format("string", "date-time");
            case ColType.ArrayType array -> {
                ObjectNode node = type("array");
                node.set("items", colType(array.items()));
                yield node;
            }
            case ColType.ObjectType object -> {
                ObjectNode node = type("object");
                ObjectNode properties = node.putObject("properties");
                object.properties().forEach(p -> properties.set(p.name(), colType(p.type())));
                yield node;
            }
            case ColType.MapType map -> {
                ObjectNode node = type("object");
                node.set("additionalProperties", colType(map.values()));
                yield node;
            }
            case ColType.AnyType any -> anyValue();
        };
    }

    private static ObjectNode numpyType(String dtype) {
        if (dtype.startsWith("float")) {
            return format("number", dtype.equals("float32") || dtype.equals("float16") ? "float" : "double");
        }
        if (dtype.startsWith("int") || dtype.startsWith("uint")) {
            return format("integer", dtype.endsWith("64") ? "int64" : "int32");
        }
        if (dtype.equals("bool")) {
            return type("boolean");
        }
        if (dtype.equals("bytes")) {
            return format("string", "byte");
        }
        return dtype.equals("str") ? type("string") : anyValue();
    }

    private static Optional<JsonNode> exampleRequest(InputExample example) {
        try {
            JsonNode request = JSON.readTree(example.toRequestJson());
            for (String key : List.of("dataframe_split", "dataframe_records", "inputs", "instances")) {
                if (request.has(key)) {
                    ObjectNode azure = JSON.createObjectNode();
                    azure.set("input_data", request.get(key));
                    return Optional.of(azure);
                }
            }
            return Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static String describe(ColType type) {
        return type instanceof DataType scalar ? scalar.mlflowName() : type.getClass().getSimpleName();
    }

    private static ObjectNode type(String type) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", type);
        return node;
    }

    private static ObjectNode format(String type, String format) {
        ObjectNode node = type(type);
        node.put("format", format);
        return node;
    }

    private static ObjectNode anyValue() {
        ObjectNode node = JSON.createObjectNode();
        node.put("description", "Any JSON value the model accepts");
        return node;
    }
}
