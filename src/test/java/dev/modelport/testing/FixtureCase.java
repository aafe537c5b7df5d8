package dev.modelport.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelport.scoring.ScoringResponse;
import dev.modelport.scoring.ScoringService;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** One recorded exchange of {@code cases.jsonl}: the request sent to MLflow and what it answered. */
public record FixtureCase(
        String model,
        String name,
        String method,
        String path,
        Map<String, String> headers,
        String body,
        int status,
        String contentType,
        Optional<JsonNode> expectJson,
        Optional<String> expectText,
        Optional<String> errorCode,
        double tolerance,
        String protocol,
        boolean quirk,
        boolean legacyConflict) {

    static FixtureCase parse(String model, JsonNode line, double modelTolerance) {
        JsonNode request = line.get("request");
        JsonNode expect = line.get("expect");
        Map<String, String> headers = new LinkedHashMap<>();
        request.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
        return new FixtureCase(model, line.get("name").asText(),
                request.path("method").asText("POST"), request.path("path").asText("/invocations"), headers,
                request.path("body").isNull() ? null : request.path("body").asText(null),
                expect.get("status").asInt(), expect.path("content_type").asText(null),
                Optional.ofNullable(expect.get("json")), Optional.ofNullable(expect.get("text")).map(JsonNode::asText),
                Optional.ofNullable(expect.get("error_code")).map(JsonNode::asText),
                line.path("tolerance").asDouble(modelTolerance),
                line.path("protocol").asText("mlflow-2.x"), line.path("quirk").asBoolean(false),
                line.path("legacy_conflict").asBoolean(false));
    }

    /** The Content-Type header sent, if any. */
    public Optional<String> requestContentType() {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Content-Type")).map(Map.Entry::getValue).findFirst();
    }

    @Override
    public String toString() {
        return model + "/" + name;
    }

    /** Sends this case's request to {@code service} in-process, the bytes conformance.py sends over HTTP. */
    public ScoringResponse sendTo(ScoringService service) {
        return service.score(requestContentType().orElse(null), body() == null ? new byte[0] : body().getBytes(StandardCharsets.UTF_8));
    }
}
