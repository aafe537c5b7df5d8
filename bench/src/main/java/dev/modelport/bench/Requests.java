package dev.modelport.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Request bodies built from an input example (pandas split orient) or a dataframe_split body. */
final class Requests {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Requests() {
    }

    /** A dataframe_split body with the split's rows repeated cyclically to {@code rows} rows. */
    static String repeat(String split, int rows) {
        try {
            ObjectNode frame = (ObjectNode) unwrap(JSON.readTree(split)).deepCopy();
            ArrayNode data = (ArrayNode) frame.get("data");
            ArrayNode repeated = JSON.createArrayNode();
            for (int i = 0; i < rows; i++) {
                repeated.add(data.get(i % data.size()));
            }
            frame.set("data", repeated);
            return JSON.writeValueAsString(JSON.createObjectNode().set("dataframe_split", frame));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same rows as CSV with a header line, as pandas writes them. */
    static String csv(byte[] body) {
        try {
            JsonNode frame = unwrap(JSON.readTree(body));
            StringBuilder out = new StringBuilder();
            frame.get("columns").forEach(c -> out.append(out.isEmpty() ? "" : ",").append(c.asText()));
            out.append('\n');
            for (JsonNode row : frame.get("data")) {
                for (int j = 0; j < row.size(); j++) {
                    out.append(j == 0 ? "" : ",").append(row.get(j).isNull() ? "" : row.get(j).asText());
                }
                out.append('\n');
            }
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Row-major float32 features with NaN for missing values, as a DMatrix takes them. */
    static float[] floats(byte[] body) {
        try {
            JsonNode data = unwrap(JSON.readTree(body)).get("data");
            int width = data.get(0).size();
            float[] out = new float[data.size() * width];
            for (int i = 0; i < data.size(); i++) {
                for (int j = 0; j < width; j++) {
                    JsonNode v = data.get(i).get(j);
                    out[i * width + j] = v.isNull() ? Float.NaN : (float) v.asDouble();
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int width(byte[] body) {
        try {
            return unwrap(JSON.readTree(body)).get("columns").size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode unwrap(JsonNode body) {
        return body.has("dataframe_split") ? body.get("dataframe_split") : body;
    }
}
