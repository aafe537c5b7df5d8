package dev.modelport.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.testing.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model directories written by our Model API, read back by MLflow itself: Debian's python3 with
 * MLflow's source on {@code PYTHONPATH}, one process for every check (importing MLflow is slow).
 * (a) fixtures re-saved with {@link Model#load}/{@link Model#save} still load with
 * {@code mlflow.models.Model.load} and predict what scikit-learn recorded through
 * {@code mlflow.pyfunc.load_model}; (b) a model created from scratch, with a column signature,
 * params and an input example, reads back with the same signature and example.
 */
class MlflowInteropTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final List<String> RESAVED = List.of("sklearn_logreg_iris", "sklearn_pipeline_mixed", "sklearn_predict_proba");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T08:09:10.123456Z"), ZoneOffset.UTC);

    /** Reads every model directory given as an argument, printing one JSON object keyed by directory. */
    private static final String READER = """
            import json, sys, warnings
            warnings.filterwarnings("ignore")
            try:
                import sklearn
            except ImportError:
                sys.exit("scikit-learn is missing from /usr/bin/python3: sudo apt-get install python3-sklearn "
                         "(CI installs bin/debian-packages.txt)")
            import pandas as pd
            import mlflow.pyfunc
            from mlflow.models import Model

            def plain(example):
                if isinstance(example, pd.DataFrame):
                    return {"columns": list(example.columns), "data": example.to_dict(orient="split")["data"],
                            "dtypes": [str(t) for t in example.dtypes]}
                return example

            out = {}
            for path in sys.argv[1:]:
                m = Model.load(path)
                example = m.load_input_example(path)
                read = {"signature": m.signature.to_dict() if m.signature else None, "flavors": sorted(m.flavors),
                        "model_uuid": m.model_uuid, "utc_time_created": m.utc_time_created,
                        "model_size_bytes": m.model_size_bytes, "mlflow_version": m.mlflow_version,
                        "input_example": plain(example), "input_example_params": m.load_input_example_params(path)}
                if "python_function" in m.flavors and "sklearn" in m.flavors:
                    prediction = mlflow.pyfunc.load_model(path).predict(example)
                    read["prediction"] = prediction.tolist()
                out[path] = read
            print(json.dumps(out, default=str))
            """;

    @TempDir
    static Path dir;
    private static JsonNode read;

    @BeforeAll
    static void writeModelsAndReadThemWithMlflow() throws IOException, InterruptedException {
        List<String> dirs = new ArrayList<>();
        for (String fixture : RESAVED) {
            dirs.add(resave(fixture).toString());
        }
        dirs.add(createFromScratch().toString());
        read = runMlflow(dirs);
    }

    private static Path resave(String fixture) throws IOException {
        Path from = Fixtures.modelDir(fixture);
        Path to = dir.resolve(fixture);
        Files.createDirectories(to);
        Files.copy(from.resolve("model.pkl"), to.resolve("model.pkl"));
        Model model = Model.load(from);
        InputExample example = InputExample.load(ModelDirectory.open(from), model).orElseThrow();
        model.withoutSavedInputExampleInfo().save(to, PythonEnv.forModel(model, PythonEnv.readRequirements(from)), example);
        return to;
    }

    static ModelSignature scratchSignature() {
        ColumnSchema inputs = new ColumnSchema(List.of(ColSpec.of("x", DataType.DOUBLE), ColSpec.of("count", DataType.LONG),
                new ColSpec(Optional.of("label"), DataType.STRING, false), ColSpec.of("flag", DataType.BOOLEAN),
                ColSpec.of("é ☃ 𝄞", DataType.FLOAT)));
        ColumnSchema outputs = new ColumnSchema(List.of(ColSpec.of("score", DataType.DOUBLE)));
        ParamSchema params = new ParamSchema(List.of(new ParamSpec("temperature", DataType.DOUBLE, 0.5, Optional.empty()),
                new ParamSpec("top_k", DataType.LONG, 3L, Optional.empty()),
                new ParamSpec("stop", DataType.STRING, List.of("a", "b"), Optional.of(List.of(-1))),
                new ParamSpec("greedy", DataType.BOOLEAN, false, Optional.empty())));
        return new ModelSignature(inputs, Optional.of(outputs), Optional.of(params));
    }

    static InputExample scratchExample() {
        List<List<Object>> rows = List.of(Arrays.asList(1.5, 2L, "a", true, 0.25), Arrays.asList(-0.0, 0L, null, false, 1e10));
        return InputExample.dataframe(List.of("x", "count", "label", "flag", "é ☃ 𝄞"), rows)
                .withParams(Map.of("temperature", 0.75, "stop", List.of("z")));
    }

    private static Path createFromScratch() {
        Path to = dir.resolve("scratch");
        Map<String, Object> pyfunc = new LinkedHashMap<>();
        pyfunc.put("loader_module", "mlflow.pyfunc.model");
        pyfunc.put("python_version", "3.11.2");
        Model.create(CLOCK).addFlavor("python_function", pyfunc).withSignature(scratchSignature())
                .save(to, PythonEnv.of("3.11.2", List.of()), scratchExample());
        return to;
    }

    private static JsonNode runMlflow(List<String> dirs) throws IOException, InterruptedException {
        if (!Files.isExecutable(PYTHON)) {
            fail("%s is missing: the MLflow interoperability test needs Debian's python3 with the packages of "
                    + "bin/debian-packages.txt (sudo apt-get install $(cat bin/debian-packages.txt))", PYTHON);
        }
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), "-B", "-c", READER));
        command.addAll(dirs);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("PYTHONPATH", Fixtures.mlflowSource().toString());
        builder.environment().put("MLFLOW_TRACKING_URI", dir.resolve("mlruns").toUri().toString());
        Path stderr = dir.resolve("python.stderr");
        builder.redirectError(stderr.toFile());
        Process process = builder.start();
        byte[] out;
        try (InputStream in = process.getInputStream()) {
            out = in.readAllBytes();
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("MLflow did not finish reading the models");
        }
        String errors = Files.readString(stderr, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            fail("MLflow could not read the models (exit %d):%n%s", process.exitValue(), errors);
        }
        return JSON.readTree(out);
    }

    private static JsonNode readBack(String name) {
        JsonNode node = read.get(dir.resolve(name).toString());
        assertThat(node).as("MLflow's reading of %s", name).isNotNull();
        return node;
    }

    @Test
    void mlflowLoadsResavedFixturesWithTheirSignatureAndInputExample() throws IOException {
        for (String fixture : RESAVED) {
            JsonNode mlflow = readBack(fixture);
            Model original = Model.load(Fixtures.modelDir(fixture));
            Map<String, Object> signature = SignatureJson.toDict(original.signature().orElseThrow());
            assertThat(JSON.convertValue(mlflow.get("signature"), Map.class)).as(fixture).isEqualTo(signature);
            assertThat(mlflow.get("flavors")).as(fixture).containsExactlyInAnyOrderElementsOf(
                    JSON.valueToTree(original.flavors().keySet()));
            assertThat(mlflow.get("model_uuid").asText()).isEqualTo(original.modelUuid().orElseThrow());
            assertThat(mlflow.get("utc_time_created").asText()).isEqualTo(original.utcTimeCreated().orElseThrow());
            assertThat(mlflow.get("mlflow_version").asText()).isEqualTo(original.mlflowVersion().orElseThrow());
            JsonNode example = JSON.readTree(Fixtures.modelDir(fixture).resolve("input_example.json").toFile());
            assertThat(mlflow.at("/input_example/columns")).as(fixture).isEqualTo(example.get("columns"));
            assertThat(mlflow.at("/input_example/data")).as(fixture).isEqualTo(example.get("data"));
        }
    }

    @Test
    void mlflowPyfuncPredictsTheRecordedPredictionsOfResavedFixtures() throws IOException {
        JsonNode recorded;
        try (InputStream in = MlflowInteropTest.class.getResourceAsStream("/sklearn/fixture_input_examples.json")) {
            recorded = JSON.readTree(in);
        }
        for (String fixture : RESAVED) {
            JsonNode prediction = readBack(fixture).get("prediction");
            assertThat(prediction).as("pyfunc prediction of re-saved %s", fixture).isNotNull();
            assertEquivalent(prediction, recorded.get(fixture), fixture);
        }
    }

    private static void assertEquivalent(JsonNode actual, JsonNode expected, String where) {
        if (expected.isArray()) {
            assertThat(actual.size()).as(where).isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertEquivalent(actual.get(i), expected.get(i), where + "[" + i + "]");
            }
        } else if (expected.isFloatingPointNumber()) {
            assertThat(actual.asDouble()).as(where).isCloseTo(expected.asDouble(),
                    org.assertj.core.data.Offset.offset(1e-12 * Math.max(1, Math.abs(expected.asDouble()))));
        } else {
            assertThat(actual).as(where).isEqualTo(expected);
        }
    }

    @Test
    void resavedFixtureKeepsMlflowsModelSize() {
        for (String fixture : RESAVED) {
            assertThat(readBack(fixture).get("model_size_bytes").asLong()).as(fixture)
                    .isEqualTo(Model.load(Fixtures.modelDir(fixture)).modelSizeBytes().orElseThrow());
        }
    }

    @Test
    void mlflowReadsTheSignatureOfAModelCreatedFromScratch() throws IOException {
        JsonNode signature = readBack("scratch").get("signature");
        assertThat(JSON.readTree(signature.get("inputs").asText())).isEqualTo(JSON.readTree("""
                [{"type": "double", "name": "x", "required": true}, {"type": "long", "name": "count", "required": true},
                 {"type": "string", "name": "label", "required": false}, {"type": "boolean", "name": "flag", "required": true},
                 {"type": "float", "name": "é ☃ 𝄞", "required": true}]"""));
        assertThat(JSON.readTree(signature.get("outputs").asText()))
                .isEqualTo(JSON.readTree("[{\"type\": \"double\", \"name\": \"score\", \"required\": true}]"));
        assertThat(JSON.readTree(signature.get("params").asText())).isEqualTo(JSON.readTree("""
                [{"name": "temperature", "type": "double", "default": 0.5, "shape": null},
                 {"name": "top_k", "type": "long", "default": 3, "shape": null},
                 {"name": "stop", "type": "string", "default": ["a", "b"], "shape": [-1]},
                 {"name": "greedy", "type": "boolean", "default": false, "shape": null}]"""));
        // MLflow writes its JSON back exactly as we wrote it.
        assertThat(JSON.convertValue(signature, Map.class)).isEqualTo(SignatureJson.toDict(scratchSignature()));
    }

    @Test
    void mlflowReadsTheInputExampleAndParamsOfAModelCreatedFromScratch() throws IOException {
        JsonNode scratch = readBack("scratch");
        assertThat(scratch.at("/input_example/columns")).isEqualTo(JSON.readTree("[\"x\", \"count\", \"label\", \"flag\", \"é ☃ 𝄞\"]"));
        assertThat(scratch.at("/input_example/data")).isEqualTo(JSON.readTree("[[1.5, 2, \"a\", true, 0.25], [-0.0, 0, null, false, 1e10]]"));
        // MLflow enforces the signature on the example it reads: the float column becomes float32.
        assertThat(scratch.at("/input_example/dtypes")).isEqualTo(JSON.readTree("[\"float64\", \"int64\", \"object\", \"bool\", \"float32\"]"));
        assertThat(scratch.get("input_example_params")).isEqualTo(JSON.readTree("{\"temperature\": 0.75, \"stop\": [\"z\"]}"));
        assertThat(scratch.get("flavors")).containsExactly(JSON.readTree("\"python_function\""));
        assertThat(scratch.get("utc_time_created").asText()).isEqualTo("2026-11-30 08:09:10.123456");
    }
}
