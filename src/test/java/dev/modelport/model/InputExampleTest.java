package dev.modelport.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.ModelportException;
import dev.modelport.testing.Fixtures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** input_example.json as MLflow stores it, and the /invocations request equivalent to it. */
class InputExampleTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static InputExample fixtureExample(String name) {
        Path dir = Fixtures.modelDir(name);
        return InputExample.load(ModelDirectory.open(dir), Model.load(dir)).orElseThrow();
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    @Test
    void splitFrameBecomesDataframeSplitRequest() throws IOException {
        InputExample example = fixtureExample("sklearn_logreg_iris");
        InputExample.Dataframe frame = (InputExample.Dataframe) example.data();
        assertThat(frame.columns()).contains(List.of("sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"));
        assertThat(frame.rows()).hasSize(3).first().isEqualTo(List.of(5.1, 3.5, 1.4, 0.2));
        assertThat(json(example.toRequestJson())).isEqualTo(json("{\"dataframe_split\": "
                + Files.readString(Fixtures.modelDir("sklearn_logreg_iris").resolve("input_example.json")) + "}"));
    }

    @Test
    void mixedTypesKeepTheirJsonTypes() {
        InputExample.Dataframe frame = (InputExample.Dataframe) fixtureExample("sklearn_pipeline_mixed").data();
        assertThat(frame.rows().get(0)).containsExactly("blue", 2L, 21.55, false);
    }

    @Test
    void tensorExampleBecomesInputsRequest() throws IOException {
        InputExample example = fixtureExample("sklearn_linreg_tensor");
        assertThat(example.data()).isInstanceOf(InputExample.Ndarray.class);
        assertThat(example.toRequestJson()).isEqualTo(Files.readString(Fixtures.modelDir("sklearn_linreg_tensor").resolve("input_example.json")));
    }

    @Test
    void recordsAreWrittenAsRecordsAndSentAsDataframeRecords(@TempDir Path dir) throws IOException {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("x", 1);
        row.put("s", "a");
        InputExample example = InputExample.records(List.of(row));
        assertThat(example.info()).containsEntry("type", "dataframe").containsEntry("pandas_orient", "records");
        assertThat(example.toFileJson()).isEqualTo("[{\"x\": 1, \"s\": \"a\"}]");
        assertThat(example.toRequestJson()).isEqualTo("{\"dataframe_records\": [{\"x\": 1, \"s\": \"a\"}]}");
        example.save(dir);
        InputExample back = InputExample.parse(Files.readString(dir.resolve("input_example.json")), example.info(), Optional.empty(), "f");
        assertThat(back).isEqualTo(example);
    }

    @Test
    void valuesOrientHasNoColumns() {
        InputExample example = InputExample.parse("{\"data\": [[1, 2.5]]}", Map.of("artifact_path", "input_example.json",
                "type", "dataframe", "pandas_orient", "values"), Optional.empty(), "f");
        assertThat(((InputExample.Dataframe) example.data()).columns()).isEmpty();
        assertThat(example.toRequestJson()).isEqualTo("{\"dataframe_split\": {\"data\": [[1, 2.5]]}}");
        assertThat(example.toFileJson()).isEqualTo("{\"data\": [[1, 2.5]]}");
    }

    @Test
    void paramsAreStoredBesideInputsAndSentInTheRequest() {
        InputExample example = InputExample.dataframe(List.of("x1"), List.of(List.of(1.0)))
                .withParams(Map.of("threshold", 0.3));
        assertThat(example.info()).containsEntry("params", "true");
        assertThat(example.toFileJson()).isEqualTo("{\"inputs\": {\"columns\": [\"x1\"], \"data\": [[1.0]]}, \"params\": {\"threshold\": 0.3}}");
        assertThat(example.toRequestJson()).isEqualTo("{\"dataframe_split\": {\"columns\": [\"x1\"], \"data\": [[1.0]]}, \"params\": {\"threshold\": 0.3}}");
        InputExample back = InputExample.parse(example.toFileJson(), example.info(), Optional.empty(), "f");
        assertThat(back).isEqualTo(example);
        assertThat(back.params()).contains(Map.of("threshold", 0.3));
    }

    @Test
    void binaryColumnsAreBase64AsMlflowEncodesThem() {
        byte[] bytes = new byte[100];
        Arrays.fill(bytes, (byte) 0xAB);
        InputExample example = InputExample.dataframe(List.of("img"), List.of(List.of(bytes)));
        String file = example.toFileJson();
        // base64.encodebytes: 76-character lines, each ending in a newline
        assertThat(file).isEqualTo("{\"columns\": [\"img\"], \"data\": [[\""
                + java.util.Base64.getEncoder().encodeToString(bytes).substring(0, 76) + "\\n"
                + java.util.Base64.getEncoder().encodeToString(bytes).substring(76) + "\\n\"]]}");
        ColumnSchema schema = new ColumnSchema(List.of(ColSpec.of("img", DataType.BINARY)));
        InputExample back = InputExample.parse(file, example.info(), Optional.of(schema), "f");
        assertThat(((InputExample.Dataframe) back.data()).rows().get(0).get(0)).isEqualTo(ByteBuffer.wrap(bytes));
        assertThat(back).isEqualTo(example);
        InputExample undecoded = InputExample.parse(file, example.info(), Optional.empty(), "f");
        assertThat(((InputExample.Dataframe) undecoded.data()).rows().get(0).get(0)).isInstanceOf(String.class);
    }

    @Test
    void nanIsWrittenAsNullLikeMlflow() {
        InputExample example = InputExample.dataframe(List.of("x"), List.of(List.of(Double.NaN)));
        assertThat(example.toFileJson()).isEqualTo("{\"columns\": [\"x\"], \"data\": [[null]]}");
    }

    @Test
    void namedTensorsAndJsonObjects() {
        InputExample tensors = InputExample.ndarray(Map.of("a", List.of(List.of(1, 2))));
        assertThat(tensors.info()).containsEntry("type", "ndarray").containsEntry("format", "tf-serving");
        assertThat(tensors.toFileJson()).isEqualTo("{\"inputs\": {\"a\": [[1, 2]]}}");
        InputExample json = InputExample.json(Map.of("messages", List.of("hi")));
        assertThat(json.info()).containsEntry("type", "json_object");
        assertThat(json.toFileJson()).isEqualTo("{\"messages\": [\"hi\"]}");
        assertThat(json.toRequestJson()).isEqualTo("{\"inputs\": {\"messages\": [\"hi\"]}}");
    }

    @Test
    void tfServingInstancesAreReadAsInputs() {
        InputExample example = InputExample.parse("{\"instances\": [{\"a\": 1}, {\"a\": 2}]}",
                Map.of("artifact_path", "input_example.json", "type", "ndarray", "format", "tf-serving"), Optional.empty(), "f");
        assertThat(example.toRequestJson()).isEqualTo("{\"inputs\": {\"a\": [1, 2]}}");
    }

    @Test
    void sparseMatricesAreSentDense() {
        Map<String, Object> info = Map.of("artifact_path", "input_example.json", "type", "sparse_matrix_csr");
        InputExample csr = InputExample.parse("{\"data\": [1.5, 2.0], \"indices\": [2, 0], \"indptr\": [0, 1, 2], \"shape\": [2, 3]}", info, Optional.empty(), "f");
        assertThat(csr.toRequestJson()).isEqualTo("{\"inputs\": [[0, 0, 1.5], [2.0, 0, 0]]}");
        assertThat(csr.toFileJson()).isEqualTo("{\"data\": [1.5, 2.0], \"indices\": [2, 0], \"indptr\": [0, 1, 2], \"shape\": [2, 3]}");
        InputExample csc = InputExample.parse("{\"data\": [1.5, 2.0], \"indices\": [1, 0], \"indptr\": [0, 1, 1, 2], \"shape\": [2, 3]}",
                Map.of("artifact_path", "input_example.json", "type", "sparse_matrix_csc"), Optional.empty(), "f");
        assertThat(csc.toRequestJson()).isEqualTo("{\"inputs\": [[0, 0, 2.0], [1.5, 0, 0]]}");
    }

    @Test
    void rejectsAnUnknownExampleType() {
        assertThatThrownBy(() -> InputExample.parse("{}", Map.of("type", "spark"), Optional.empty(), "/m/input_example.json"))
                .isInstanceOf(ModelportException.class).hasMessageContaining("/m/input_example.json").hasMessageContaining("'spark'");
    }

    @Test
    void rejectsInvalidJsonNamingTheFile() {
        assertThatThrownBy(() -> InputExample.parse("{\"columns\": [", Map.of("type", "dataframe"), Optional.empty(), "/m/input_example.json"))
                .isInstanceOf(ModelportException.class).hasMessageStartingWith("/m/input_example.json is not valid JSON");
    }

    @Test
    void rejectsRowsThatDoNotMatchTheColumns() {
        assertThatThrownBy(() -> InputExample.parse("{\"columns\": [\"a\", \"b\"], \"data\": [[1]]}",
                Map.of("type", "dataframe", "pandas_orient", "split"), Optional.empty(), "/m/input_example.json"))
                .isInstanceOf(ModelportException.class).hasMessageContaining("row 0 has 1 values but there are 2 columns");
    }

    @Test
    void rejectsASplitFrameWithoutData() {
        assertThatThrownBy(() -> InputExample.parse("{\"columns\": [\"a\"]}", Map.of("type", "dataframe"), Optional.empty(), "/m/e.json"))
                .isInstanceOf(ModelportException.class).hasMessageContaining("field 'data'");
    }

    @Test
    void rejectsParamsExampleWithoutInputs() {
        assertThatThrownBy(() -> InputExample.parse("{\"params\": {}}", Map.of("type", "dataframe", "params", "true"), Optional.empty(), "/m/e.json"))
                .isInstanceOf(ModelportException.class).hasMessageContaining("field 'inputs' is missing");
    }

    @Test
    void missingExampleFileIsAClearError(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("MLmodel"), "flavors: {}\nsaved_input_example_info:\n  artifact_path: input_example.json\n  type: dataframe\n");
        assertThatThrownBy(() -> InputExample.load(ModelDirectory.open(dir), Model.load(dir)))
                .isInstanceOf(ModelportException.class).hasMessageContaining("input_example.json").hasMessageContaining("no such file");
    }

    @Test
    void anExamplePathOutsideTheModelIsRefused(@TempDir Path dir) throws IOException {
        Path model = Files.createDirectories(dir.resolve("model"));
        Files.writeString(dir.resolve("secret.json"), "{\"data\": [[1]]}", StandardCharsets.UTF_8);
        Files.writeString(model.resolve("MLmodel"), "flavors: {}\nsaved_input_example_info:\n  artifact_path: ../secret.json\n  type: dataframe\n");
        assertThatThrownBy(() -> InputExample.load(ModelDirectory.open(model), Model.load(model)))
                .isInstanceOf(ModelportException.class).hasMessageContaining("outside the model directory");
    }

    @Test
    void aModelWithoutExampleInfoHasNoExample() {
        Path dir = Fixtures.modelDir("pyfunc_add_n");
        assertThat(InputExample.load(ModelDirectory.open(dir), Model.load(dir))).isEmpty();
    }
}
