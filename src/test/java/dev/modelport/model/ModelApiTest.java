package dev.modelport.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java counterpart of mlflow.models.Model: create, add flavors, set a signature, save a model directory. */
class ModelApiTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:11:12.345678Z"), ZoneOffset.UTC);

    private static ModelSignature irisSignature() {
        return new ModelSignature(new ColumnSchema(List.of(ColSpec.of("a", DataType.DOUBLE), ColSpec.of("b", DataType.LONG))),
                Optional.of(new TensorSchema(List.of(new TensorSpec(Optional.empty(), "int64", List.of(-1))))), Optional.empty());
    }

    @Test
    void createdModelHasCreationTimeAndUuidLikeMlflow() {
        Model model = Model.create(CLOCK);
        assertThat(model.utcTimeCreated()).contains("2026-11-25 10:11:12.345678");
        assertThat(model.modelUuid()).hasValueSatisfying(u -> assertThat(u).matches("[0-9a-f]{32}"));
        assertThat(model.flavors()).isEmpty();
        assertThat(model.signature()).isEmpty();
        assertThat(model.mlflowVersion()).isEmpty();
        assertThat(Model.create(Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC)).utcTimeCreated())
                .contains("2026-01-02 03:04:05");
    }

    @Test
    void addFlavorReturnsANewModelAndReplacesASectionOfTheSameName() {
        Model empty = Model.create(CLOCK);
        Model one = empty.addFlavor("python_function", Map.of("loader_module", "mlflow.sklearn"));
        Model replaced = one.addFlavor("python_function", Map.of("loader_module", "other"));
        assertThat(empty.flavors()).isEmpty();
        assertThat(one.flavor("python_function").orElseThrow()).containsEntry("loader_module", "mlflow.sklearn");
        assertThat(replaced.flavors()).hasSize(1);
        assertThat(replaced.flavor("python_function").orElseThrow()).containsEntry("loader_module", "other");
        assertThat(replaced.removeFlavor("python_function").flavors()).isEmpty();
    }

    @Test
    void flavorParamsAreCopiedAndUnmodifiable() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("nested", new LinkedHashMap<>(Map.of("k", "v")));
        Model model = Model.create(CLOCK).addFlavor("custom", params);
        params.put("later", 1);
        assertThat(model.flavor("custom").orElseThrow()).containsOnlyKeys("nested");
        @SuppressWarnings("unchecked")
        Map<String, Object> nested = (Map<String, Object>) model.flavor("custom").orElseThrow().get("nested");
        assertThatThrownBy(() -> nested.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void writesEveryMlflowKeySortedLikeSafeDump() {
        Model model = Model.create(CLOCK).withModelUuid("0123456789abcdef0123456789abcdef")
                .addFlavor("sklearn", Map.of("pickled_model", "model.pkl"))
                .addFlavor("python_function", Map.of("loader_module", "mlflow.sklearn", "model_path", "model.pkl"))
                .withSignature(irisSignature()).withArtifactPath("model").withRunId("r1").withMlflowVersion("2.12.1")
                .withDatabricksRuntime("14.3").withMetadata(Map.of("team", "x")).withModelSizeBytes(10);
        assertThat(model.toYaml()).isEqualTo("""
                artifact_path: model
                databricks_runtime: '14.3'
                flavors:
                  python_function:
                    loader_module: mlflow.sklearn
                    model_path: model.pkl
                  sklearn:
                    pickled_model: model.pkl
                metadata:
                  team: x
                mlflow_version: 2.12.1
                model_size_bytes: 10
                model_uuid: 0123456789abcdef0123456789abcdef
                run_id: r1
                signature:
                  inputs: '[{"type": "double", "name": "a", "required": true}, {"type": "long", "name":
                    "b", "required": true}]'
                  outputs: '[{"type": "tensor", "tensor-spec": {"dtype": "int64", "shape": [-1]}}]'
                  params: null
                utc_time_created: '2026-11-25 10:11:12.345678'
                """);
    }

    @Test
    void savesMlmodelEnvironmentAndInputExample(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("model.pkl"), "0123456789");
        InputExample example = InputExample.dataframe(List.of("a", "b"), List.of(List.of(1.5, 2)));
        Model saved = Model.create(CLOCK).addFlavor("python_function", Map.of("python_version", "3.11.2"))
                .withSignature(irisSignature()).save(dir, PythonEnv.of("3.11.2", List.of("scikit-learn==1.2.1")), example);

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactly(
                    "MLmodel", "conda.yaml", "input_example.json", "model.pkl", "python_env.yaml", "requirements.txt");
        }
        assertThat(saved.savedInputExampleInfo().orElseThrow()).containsExactly(Map.entry("artifact_path", "input_example.json"),
                Map.entry("type", "dataframe"), Map.entry("pandas_orient", "split"));
        long exampleBytes = Files.size(dir.resolve("input_example.json"));
        assertThat(saved.modelSizeBytes()).contains(10 + exampleBytes);
        assertThat(Model.load(dir)).isEqualTo(saved);
        assertThat(Files.readString(dir.resolve("input_example.json"))).isEqualTo("{\"columns\": [\"a\", \"b\"], \"data\": [[1.5, 2]]}");
        assertThat(Files.readString(dir.resolve("requirements.txt"))).isEqualTo("mlflow\nscikit-learn==1.2.1");
        assertThat(Files.readString(dir.resolve("python_env.yaml"))).isEqualTo("""
                python: 3.11.2
                build_dependencies:
                - pip
                - setuptools
                - wheel
                dependencies:
                - -r requirements.txt
                """);
        assertThat(Files.readString(dir.resolve("conda.yaml"))).isEqualTo("""
                channels:
                - conda-forge
                dependencies:
                - python=3.11.2
                - pip
                - pip:
                  - mlflow
                  - scikit-learn==1.2.1
                name: mlflow-env
                """);
        assertThat(InputExample.load(ModelDirectory.open(dir), Model.load(dir))).contains(example);
    }

    @Test
    void pinsMlflowAsMlflowPinsItsOwnVersion() {
        Model model = Model.create(CLOCK).withMlflowVersion("2.12.2.dev0");
        assertThat(PythonEnv.forModel(model, List.of("numpy")).requirements()).containsExactly("mlflow==2.12.1", "numpy");
        assertThat(PythonEnv.forModel(model.withMlflowVersion("2.12.1"), List.of()).requirements()).containsExactly("mlflow==2.12.1");
        assertThat(PythonEnv.forModel(model, List.of("mlflow-skinny>=2", "numpy", "numpy")).requirements()).containsExactly("mlflow-skinny>=2", "numpy");
        assertThat(PythonEnv.forModel(model, List.of()).python()).isEqualTo(PythonEnv.DEFAULT_PYTHON);
    }

    @Test
    void pinnedPipBecomesAnUpperBoundInConda() {
        PythonEnv env = PythonEnv.of("3.10.4", List.of("mlflow==2.12.1")).withBuildDependencies(List.of("pip==24.0", "setuptools", "wheel"));
        assertThat(env.condaYaml()).contains("- python=3.10.4\n- pip<=24.0\n");
    }

    @Test
    void saveWithoutExampleKeepsNoExampleInfo(@TempDir Path dir) {
        Model saved = Model.create(CLOCK).addFlavor("python_function", Map.of()).save(dir);
        assertThat(saved.savedInputExampleInfo()).isEmpty();
        assertThat(saved.modelSizeBytes()).isEmpty();
        assertThat(Model.load(dir)).isEqualTo(saved);
        assertThat(dir.resolve("requirements.txt")).hasContent("mlflow");
    }

    @Test
    void modelsWithTheSameContentAreEqual() {
        Model a = Model.create(CLOCK).withModelUuid("u").addFlavor("f", Map.of("k", 1));
        Model b = Model.create(CLOCK).withModelUuid("u").addFlavor("f", Map.of("k", 1));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(b.withSignature(irisSignature()));
        assertThat(b.withSignature(irisSignature()).withoutSignature()).isEqualTo(a);
    }

    @Test
    void signatureAndFlavorsCannotBeSetAsPlainFields() {
        assertThatThrownBy(() -> Model.create(CLOCK).withField("flavors", Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(Model.create(CLOCK).withField("resources", Map.of("a", 1)).extra()).containsOnlyKeys("resources");
    }
}
