package dev.modelport.serving;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import dev.modelport.scoring.ScoringResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Azure ML's scoring body, {@code {"input_data": ..., "params": ...}}, turned into the MLflow request it
 * means (as Azure's MLflow scoring script reads it): a split-orient frame ({@code columns}/{@code data})
 * becomes {@code dataframe_split}, a list (tensor) or any other object (named tensors) becomes
 * {@code inputs}. Values are copied byte for byte, never re-serialized. A body without
 * {@code input_data} is taken to be an MLflow body already.
 */
final class AzureScoreRequest {
    private static final JsonFactory JSON = JsonFactory.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private AzureScoreRequest() {
    }

    static byte[] toMlflowBody(byte[] body) {
        try {
            return rewrite(body).orElse(body);
        } catch (IOException e) {
            return body; // not JSON: the scoring service answers it in MLflow's words
        }
    }

    private static Optional<byte[]> rewrite(byte[] body) throws IOException {
        Range inputData = null;
        Range params = null;
        String inputKey = null;
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                long start = parser.currentTokenLocation().getByteOffset();
                if (field.equals("input_data") && value == JsonToken.START_OBJECT) {
                    inputKey = isSplitFrame(parser) ? "dataframe_split" : "inputs";
                } else {
                    inputKey = field.equals("input_data") ? "inputs" : inputKey;
                    parser.skipChildren();
                }
                Range range = new Range((int) start, (int) parser.currentLocation().getByteOffset());
                if (field.equals("input_data")) {
                    inputData = range;
                } else if (field.equals("params")) {
                    params = range;
                }
            }
        }
        if (inputData == null) {
            return Optional.empty();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 16);
        out.writeBytes(("{\"" + inputKey + "\": ").getBytes(StandardCharsets.UTF_8));
        out.write(body, inputData.start, inputData.end - inputData.start);
        if (params != null) {
            out.writeBytes(", \"params\": ".getBytes(StandardCharsets.UTF_8));
            out.write(body, params.start, params.end - params.start);
        }
        out.write('}');
        return Optional.of(out.toByteArray());
    }

    /** Reads the object's keys (skipping their values) and says whether it is a pandas split frame. */
    private static boolean isSplitFrame(JsonParser parser) throws IOException {
        boolean columns = false;
        boolean data = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            columns |= key.equals("columns");
            data |= key.equals("data");
            parser.nextToken();
            parser.skipChildren();
        }
        return columns && data;
    }

    /** A 200 answer with its bare predictions, as Azure answers; an error as it is. */
    static ScoringResponse bareAnswer(ScoringResponse response) {
        return response.status() == 200 ? new ScoringResponse(200, response.contentType(), unwrapPredictions(response.body())) : response;
    }

    /**
     * The value of {@code predictions} in an MLflow 2.x answer: Azure answers the predictions themselves.
     * Any other body is returned as it is.
     */
    static byte[] unwrapPredictions(byte[] answer) {
        try (JsonParser parser = JSON.createParser(answer)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return answer;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                long start = parser.currentTokenLocation().getByteOffset();
                parser.skipChildren();
                if (field.equals("predictions")) {
                    return Arrays.copyOfRange(answer, (int) start, (int) parser.currentLocation().getByteOffset());
                }
            }
            return answer;
        } catch (IOException e) {
            return answer;
        }
    }

    private record Range(int start, int end) {
    }
}
