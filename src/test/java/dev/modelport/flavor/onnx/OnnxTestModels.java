package dev.modelport.flavor.onnx;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The models of {@code src/test/python/generate_onnx_models.py} (graphs built with onnx.helper) and
 * {@code generate_torch_onnx_models.py} ({@code torch_*}: modules exported by torch.onnx, their
 * outputs torch's own forward pass) under {@code src/test/resources/onnx}: {@code <name>/model}
 * (saved by mlflow.onnx), {@code <name>/predict.json} (what {@code _OnnxModelWrapper.predict}
 * returned) and {@code <name>/cases.jsonl} (what MLflow's scoring server answered).
 */
public final class OnnxTestModels {
    static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private OnnxTestModels() {
    }

    public static Path root() {
        try {
            return Path.of(OnnxTestModels.class.getResource("/onnx").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every generated model, sorted; never empty. */
    public static List<String> names() {
        try (Stream<Path> dirs = Files.list(root())) {
            List<String> names = dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
            if (names.isEmpty()) {
                throw new IllegalStateException("no generated ONNX models under " + root());
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path modelDir(String name) {
        return root().resolve(name).resolve("model");
    }

    public static Path scoringCases(String name) {
        return root().resolve(name).resolve("cases.jsonl");
    }

    static JsonNode predictions(String name) {
        try {
            return JSON.readTree(root().resolve(name).resolve("predict.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
