package dev.modelport.flavor.sklearn;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.modelport.flavor.Predictor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A folder of models our generators saved with MLflow under {@code src/test/resources/sklearn/<folder>}:
 * one directory a model, holding the MLflow model and the {@code cases.json} scikit-learn answered.
 */
record GeneratedFolder(Path root) {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    static GeneratedFolder of(String folder) {
        try {
            return new GeneratedFolder(Path.of(GeneratedFolder.class.getResource("/sklearn/" + folder).toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The models' names, sorted. */
    List<String> names() {
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path dir(String model) {
        return root.resolve(model);
    }

    /** The model's {@code cases.json}: its estimator (or steps) and the cases with scikit-learn's answers. */
    JsonNode cases(String model) {
        try {
            return JSON.readTree(dir(model).resolve("cases.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The model's pickle, {@code model.pkl}. */
    byte[] pickle(String model) {
        try {
            return Files.readAllBytes(dir(model).resolve("model.pkl"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The model's pickle loaded by the sklearn flavor to predict with {@code method}. */
    Predictor predictor(String model, String method) {
        return new SklearnFlavor().load(pickle(model), model, PredictMethod.of(method));
    }
}
