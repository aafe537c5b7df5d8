package dev.modelport.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/** Every MLmodel MLflow 2.12 wrote in the fixtures: parsed into typed objects and written back as MLflow writes it. */
class MlmodelFixturesTest {

    static List<String> models() {
        return Fixtures.modelNames();
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void parsesIntoTypedObjects(String name) throws IOException {
        Path dir = Fixtures.modelDir(name);
        String text = read(dir.resolve("MLmodel"));
        Model model = Model.load(dir);

        assertThat(model.flavors()).containsKey("python_function");
        assertThat(model.mlflowVersion()).contains("2.12.2.dev0");
        assertThat(model.modelUuid()).hasValueSatisfying(u -> assertThat(u).matches("[0-9a-f]{32}"));
        assertThat(model.utcTimeCreated()).hasValueSatisfying(t -> assertThat(t).startsWith("2026-"));
        assertThat(model.modelSizeBytes()).hasValueSatisfying(s -> assertThat(s).isPositive());
        assertThat(model.signature().isPresent()).isEqualTo(text.contains("\nsignature:"));
        assertThat(model.savedInputExampleInfo().isPresent()).isEqualTo(Files.exists(dir.resolve("input_example.json")));
        assertThat(model.extra()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void writesMlmodelByteForByteAsMlflow(String name) throws IOException {
        Path dir = Fixtures.modelDir(name);
        assertThat(Model.load(dir).toYaml()).isEqualTo(read(dir.resolve("MLmodel")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void roundTripsThroughYamlToEqualTypedObjectsAndMaps(String name) throws IOException {
        Path dir = Fixtures.modelDir(name);
        Model model = Model.load(dir);
        String yaml = model.toYaml();
        Model again = Model.parse(yaml, "rewritten " + name);

        assertThat(again).isEqualTo(model);
        assertThat(again.signature()).isEqualTo(model.signature());
        assertThat(again.flavors()).isEqualTo(model.flavors());
        Object original = new Yaml().load(read(dir.resolve("MLmodel")));
        Object rewritten = new Yaml().load(yaml);
        assertThat(rewritten).isEqualTo(original);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void readsAndRewritesTheInputExampleAsMlflowWroteIt(String name) throws IOException {
        Path dir = Fixtures.modelDir(name);
        Model model = Model.load(dir);
        Optional<InputExample> example = InputExample.load(ModelDirectory.open(dir), model);
        assertThat(example.isPresent()).isEqualTo(model.savedInputExampleInfo().isPresent());
        if (example.isPresent()) {
            assertThat(example.get().toFileJson()).isEqualTo(read(dir.resolve("input_example.json")));
            assertThat(example.get().info()).isEqualTo(model.savedInputExampleInfo().get());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void writesTheEnvironmentFilesAsMlflow(String name) throws IOException {
        Path dir = Fixtures.modelDir(name);
        Map<String, Object> pythonEnv = new Yaml().load(read(dir.resolve("python_env.yaml")));
        @SuppressWarnings("unchecked")
        List<String> build = (List<String>) pythonEnv.get("build_dependencies");
        PythonEnv env = PythonEnv.forModel(Model.load(dir), PythonEnv.readRequirements(dir)).withBuildDependencies(build);

        assertThat(env.python()).isEqualTo(String.valueOf(pythonEnv.get("python")));
        assertThat(env.requirementsTxt()).isEqualTo(read(dir.resolve("requirements.txt")));
        assertThat(env.condaYaml()).isEqualTo(read(dir.resolve("conda.yaml")));
        assertThat(env.pythonEnvYaml()).isEqualTo(read(dir.resolve("python_env.yaml")));
    }

    @Test
    void tensorModelHasFloat64TensorSchemaOfShapeMinusOneByThree() {
        Model model = Model.load(Fixtures.modelDir("sklearn_linreg_tensor"));
        ModelSignature signature = model.signature().orElseThrow();
        assertThat(signature.inputs()).isEqualTo(new TensorSchema(List.of(new TensorSpec(Optional.empty(), "float64", List.of(-1, 3)))));
        assertThat(signature.outputs()).contains(new TensorSchema(List.of(new TensorSpec(Optional.empty(), "float64", List.of(-1)))));
        assertThat(signature.params()).isEmpty();
        assertThat(model.savedInputExampleInfo().orElseThrow()).containsEntry("type", "ndarray").containsEntry("format", "tf-serving");
    }

    @Test
    void paramsModelHasThreeParamsWithDefaults() {
        ModelSignature signature = Model.load(Fixtures.modelDir("pyfunc_params_signature")).signature().orElseThrow();
        assertThat(signature.params().orElseThrow().params()).containsExactly(
                new ParamSpec("threshold", DataType.DOUBLE, 0.5, Optional.empty()),
                new ParamSpec("top_k", DataType.LONG, 3L, Optional.empty()),
                new ParamSpec("labels", DataType.STRING, List.of("neg", "pos"), Optional.of(List.of(-1))));
        assertThat(signature.outputs().orElseThrow()).isEqualTo(new ColumnSchema(List.of(
                ColSpec.of("score", DataType.DOUBLE), ColSpec.of("label", DataType.STRING),
                ColSpec.of("rank", DataType.LONG), ColSpec.of("in_top_k", DataType.BOOLEAN))));
    }

    @Test
    void optionalColumnIsNotRequired() {
        ColumnSchema inputs = (ColumnSchema) Model.load(Fixtures.modelDir("sklearn_int_optional")).signature().orElseThrow().inputs();
        assertThat(inputs.columns()).containsExactly(ColSpec.of("rooms", DataType.LONG), ColSpec.of("floor", DataType.LONG),
                ColSpec.of("area", DataType.DOUBLE), new ColSpec(Optional.of("comment"), DataType.STRING, false));
    }

    @Test
    void sklearnFlavorKeepsEveryKeyIncludingNulls() {
        Model model = Model.load(Fixtures.modelDir("sklearn_logreg_iris"));
        assertThat(model.flavor("sklearn").orElseThrow()).containsEntry("code", null)
                .containsEntry("pickled_model", "model.pkl").containsEntry("serialization_format", "cloudpickle")
                .containsEntry("sklearn_version", "1.2.1");
        assertThat(model.flavor("python_function").orElseThrow()).containsEntry("loader_module", "mlflow.sklearn")
                .containsEntry("predict_fn", "predict").containsEntry("env", Map.of("conda", "conda.yaml", "virtualenv", "python_env.yaml"));
    }

    @Test
    void pythonModelArtifactsAreKeptAsNestedMaps() {
        Model model = Model.load(Fixtures.modelDir("pyfunc_xgb_wrapper"));
        assertThat(model.flavor("python_function").orElseThrow().get("artifacts"))
                .isEqualTo(Map.of("xgb_model", Map.of("path", "artifacts/xgb_model.json", "uri", "xgb_model.json")));
    }

    @Test
    void customLoaderModelNamesItsModuleCodeAndData() {
        Map<String, Object> pyfunc = Model.load(Fixtures.modelDir("custom_flavor_loader")).flavor("python_function").orElseThrow();
        assertThat(pyfunc).containsEntry("loader_module", "linear_loader").containsEntry("code", "code")
                .containsEntry("data", "data/linear_model").containsEntry("streamable", false);
    }

    @Test
    void modelsWithoutSignatureOrExampleHaveNeither() {
        for (String name : List.of("sklearn_nosig_tree", "pyfunc_add_n")) {
            Model model = Model.load(Fixtures.modelDir(name));
            assertThat(model.signature()).as(name).isEmpty();
            assertThat(InputExample.load(ModelDirectory.open(Fixtures.modelDir(name)), model)).as(name).isEmpty();
        }
    }

    @Test
    void xgboostFlavorIsTyped() {
        Model model = Model.load(Fixtures.modelDir("xgboost_booster_json"));
        assertThat(model.flavor("xgboost").orElseThrow()).containsEntry("model_format", "json").containsEntry("data", "model.json")
                .containsEntry("model_class", "xgboost.core.Booster");
    }
}
