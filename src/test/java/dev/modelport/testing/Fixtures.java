package dev.modelport.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The MLflow-recorded fixtures in {@code ../shared/fixtures} (system property {@code shared.dir},
 * set by the build). Fails loudly when they are missing: compatibility tests must never pass by
 * finding nothing.
 */
public final class Fixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    /** The {@code shared} folder beside the project. */
    public static Path shared() {
        Path shared = Path.of(System.getProperty("shared.dir", "../shared")).toAbsolutePath().normalize();
        if (!Files.isDirectory(shared.resolve("fixtures/models"))) {
            throw new IllegalStateException("MLflow fixtures not found at " + shared.resolve("fixtures/models")
                    + ": the tests need ../shared beside the project (or -Dmodelport.shared=PATH)");
        }
        return shared;
    }

    /** The MLflow source tree (for PYTHONPATH when a test runs MLflow itself). */
    public static Path mlflowSource() {
        return shared().resolve("peers/mlflow-src");
    }

    public static Path modelsRoot() {
        return shared().resolve("fixtures/models");
    }

    /** Names of every fixture model, sorted. */
    public static List<String> modelNames() {
        try (Stream<Path> dirs = Files.list(modelsRoot())) {
            List<String> names = dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
            if (names.isEmpty()) {
                throw new IllegalStateException("no fixture models under " + modelsRoot());
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The MLflow model directory of a fixture. */
    public static Path modelDir(String name) {
        return modelsRoot().resolve(name).resolve("model");
    }

    /** The fixture's meta.json. */
    public static JsonNode meta(String name) {
        try {
            return JSON.readTree(modelsRoot().resolve(name).resolve("meta.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every recorded exchange of one fixture, in file order. */
    public static List<FixtureCase> cases(String name) {
        return cases(name, modelsRoot().resolve(name).resolve("cases.jsonl"), meta(name).path("rel_tolerance").asDouble(1e-9));
    }

    /** The exchanges of a {@code cases.jsonl} in the fixtures' format kept elsewhere (the tests' own generated models). */
    public static List<FixtureCase> cases(String name, Path file, double modelTolerance) {
        try {
            List<FixtureCase> cases = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    cases.add(FixtureCase.parse(name, JSON.readTree(line), modelTolerance));
                }
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every recorded exchange of every fixture. */
    public static List<FixtureCase> allCases() {
        return modelNames().stream().flatMap(n -> cases(n).stream()).toList();
    }
}
