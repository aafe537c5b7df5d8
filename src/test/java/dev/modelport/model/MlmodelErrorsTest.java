package dev.modelport.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.ModelportException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A broken MLmodel is a clear ModelportException naming the file and the field, never an NPE or ClassCastException. */
class MlmodelErrorsTest {
    private static final String FLAVORS = "flavors:\n  python_function:\n    loader_module: mlflow.sklearn\n";

    private static String signature(String inputs) {
        return FLAVORS + "signature:\n  inputs: '" + inputs + "'\n  outputs: null\n  params: null\n";
    }

    static Stream<Arguments> broken() {
        return Stream.of(
                Arguments.of("malformed YAML", "flavors: [unclosed\n", "not valid YAML"),
                Arguments.of("a list at the top", "- a\n- b\n", "expected a YAML mapping"),
                Arguments.of("an empty file", "", "an empty file"),
                Arguments.of("no flavors", "model_uuid: abc\n", "'flavors' is missing"),
                Arguments.of("flavors as a list", "flavors:\n- sklearn\n", "'flavors' must be a mapping"),
                Arguments.of("a flavor as a string", "flavors:\n  sklearn: yes please\n", "'flavors.sklearn' must be a mapping"),
                Arguments.of("model_size_bytes as text", FLAVORS + "model_size_bytes: large\n", "'model_size_bytes' must be a number"),
                Arguments.of("example info as text", FLAVORS + "saved_input_example_info: input_example.json\n",
                        "'saved_input_example_info' must be a mapping"),
                Arguments.of("metadata as a list", FLAVORS + "metadata:\n- a\n", "'metadata' must be a mapping"),
                Arguments.of("signature as text", FLAVORS + "signature: none\n", "'signature'"),
                Arguments.of("signature without inputs", FLAVORS + "signature:\n  outputs: null\n", "'signature.inputs'"),
                Arguments.of("inputs as a YAML list", FLAVORS + "signature:\n  inputs:\n  - a\n", "'signature.inputs': expected a JSON string"),
                Arguments.of("inputs not JSON", signature("[{\"type\": "), "'signature.inputs': not valid JSON"),
                Arguments.of("inputs a JSON object", signature("{\"type\": \"double\"}"), "'signature.inputs': expected a JSON list"),
                Arguments.of("a spec that is not an object", signature("[3]"), "'signature.inputs[0]': expected an object"),
                Arguments.of("an unknown column type", signature("[{\"type\": \"decimal\", \"name\": \"x\"}]"),
                        "'signature.inputs[0].type': unknown type 'decimal'"),
                Arguments.of("a column without type", signature("[{\"name\": \"x\"}]"), "'signature.inputs[0].type': missing type"),
                Arguments.of("a numeric type", signature("[{\"type\": 7}]"), "'signature.inputs[0].type'"),
                Arguments.of("required as text", signature("[{\"type\": \"double\", \"required\": \"yes\"}]"),
                        "'signature.inputs[0].required': expected true or false"),
                Arguments.of("an array without items", signature("[{\"type\": \"array\"}]"), "'signature.inputs[0].items'"),
                Arguments.of("an object with list properties", signature("[{\"type\": \"object\", \"properties\": []}]"),
                        "'signature.inputs[0].properties'"),
                Arguments.of("column and tensor specs mixed",
                        signature("[{\"type\": \"double\"}, {\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"float64\", \"shape\": [-1]}}]"),
                        "'signature.inputs[1]': mixes column and tensor specs"),
                Arguments.of("a tensor without tensor-spec", signature("[{\"type\": \"tensor\"}]"), "'signature.inputs[0]': a tensor spec needs"),
                Arguments.of("a tensor of an unknown dtype",
                        signature("[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"float65\", \"shape\": [-1]}}]"),
                        "'signature.inputs[0].tensor-spec.dtype': unknown numpy dtype 'float65'"),
                Arguments.of("a tensor without shape", signature("[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"int64\"}}]"),
                        "'signature.inputs[0].tensor-spec.shape'"),
                Arguments.of("a shape of text", signature("[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"int64\", \"shape\": \"-1\"}}]"),
                        "'signature.inputs[0].tensor-spec.shape': expected a list"),
                Arguments.of("a shape of words", signature("[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"int64\", \"shape\": [\"n\"]}}]"),
                        "expected integer dimensions"),
                Arguments.of("outputs not JSON", FLAVORS + "signature:\n  inputs: '[{\"type\": \"double\"}]'\n  outputs: '[oops'\n",
                        "'signature.outputs': not valid JSON"),
                Arguments.of("a param of unknown type",
                        FLAVORS + "signature:\n  inputs: '[{\"type\": \"double\"}]'\n  params: '[{\"name\": \"t\", \"type\": \"decimal\", \"default\": 1}]'\n",
                        "'signature.params[0].type': unknown param type 'decimal'"),
                Arguments.of("a param without name",
                        FLAVORS + "signature:\n  inputs: '[{\"type\": \"double\"}]'\n  params: '[{\"type\": \"double\", \"default\": 1}]'\n",
                        "'signature.params[0].name': missing param name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void rejectsWithTheFileAndField(String what, String yaml, String expected) {
        assertThatThrownBy(() -> Model.parse(yaml, "/models/m/MLmodel"))
                .isExactlyInstanceOf(ModelportException.class)
                .hasMessageStartingWith("/models/m/MLmodel")
                .hasMessageContaining(expected);
    }

    @Test
    void directoryWithoutMlmodelIsNotAModel(@TempDir Path dir) {
        assertThatThrownBy(() -> Model.load(dir)).isInstanceOf(ModelportException.class).hasMessage("no MLmodel file in " + dir);
        assertThatThrownBy(() -> ModelDirectory.open(dir)).isInstanceOf(ModelportException.class).hasMessage("no MLmodel file in " + dir);
    }

    @Test
    void loadingAFileNamesIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("MLmodel");
        Files.writeString(file, "flavors: 3\n");
        assertThatThrownBy(() -> Model.load(dir)).isInstanceOf(ModelportException.class).hasMessageStartingWith(file.toString())
                .hasMessageContaining("'flavors'");
    }

    @Test
    void unknownTopLevelKeysArePreservedOnRewrite() {
        Model model = Model.parse(FLAVORS + "model_uuid: abc\nresources:\n  api_version: '1'\nzzz_custom: [1, 2]\n", "MLmodel");
        assertThat(model.extra()).containsOnlyKeys("resources", "zzz_custom");
        assertThat(model.toYaml()).isEqualTo("""
                flavors:
                  python_function:
                    loader_module: mlflow.sklearn
                model_uuid: abc
                resources:
                  api_version: '1'
                zzz_custom:
                - 1
                - 2
                """);
    }
}
