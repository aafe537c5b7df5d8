package dev.modelport.data.codec;

import static dev.modelport.data.codec.Requests.frame;
import static dev.modelport.data.codec.Requests.rows;
import static dev.modelport.data.codec.Requests.tensor;
import static dev.modelport.data.codec.Requests.v1;
import static dev.modelport.data.codec.Requests.v2;
import static dev.modelport.data.codec.Requests.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.ErrorCode;
import dev.modelport.ModelportException;
import dev.modelport.data.TensorMap;
import dev.modelport.data.parallel.SpareCores;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/**
 * The top-level dispatch of a JSON scoring request and what Python's {@code json.loads} decides
 * before any codec runs. Expected values are what MLflow 2.12's {@code _split_data_and_params} and
 * {@code infer_and_parse_data} (and 1.x's bare shapes) answer for the same bodies.
 */
class JsonRequestCodecTest {
    private static final String REQUIRED = "The input must be a JSON dictionary with exactly one of the input fields "
            + "{'dataframe_split', 'dataframe_records', 'instances', 'inputs'}";

    static AbstractThrowableAssert<?, ? extends Throwable> assertFails(Runnable decode, ErrorCode code) {
        return assertThatThrownBy(decode::run).isInstanceOf(ModelportException.class)
                .satisfies(e -> assertThat(((ModelportException) e).code()).isEqualTo(code));
    }

    @Test
    void picksTheFormatFromTheOneInputKey() {
        assertThat(v2("{\"dataframe_split\": {\"columns\": [\"a\"], \"data\": [[1]]}}").format()).isEqualTo(RequestFormat.DATAFRAME_SPLIT);
        assertThat(v2("{\"dataframe_records\": [{\"a\": 1}]}").format()).isEqualTo(RequestFormat.DATAFRAME_RECORDS);
        assertThat(v2("{\"instances\": [1]}").format()).isEqualTo(RequestFormat.INSTANCES);
        assertThat(v2("{\"inputs\": [1]}").format()).isEqualTo(RequestFormat.INPUTS);
    }

    @Test
    void findsTheInputKeyAfterParamsAndUnknownKeys() {
        DecodedRequest r = v2("{\"params\": {\"p\": 1}, \"extra\": [[[]]], \"inputs\": [1]}");
        assertThat(r.format()).isEqualTo(RequestFormat.INPUTS);
        assertThat(r.params()).isEqualTo(Map.of("p", 1L));
    }

    @Test
    void keepsParamsAsJsonGaveThem() {
        assertThat(v2("{\"inputs\": [1], \"params\": {\"p\": [1, 2.5, \"x\", null, true]}}").params())
                .isEqualTo(Map.of("p", java.util.Arrays.asList(1L, 2.5, "x", null, true)));
        assertThat(v2("{\"inputs\": [1], \"params\": null}").params()).isNull();
        assertThat(v2("{\"inputs\": [1]}").params()).isNull();
        assertThat(v2("{\"inputs\": [1], \"params\": 5}").params()).isEqualTo(5L);
    }

    @Test
    void refusesTwoInputKeysListingThemInOrder() {
        assertFails(() -> v2("{\"dataframe_split\": {\"columns\": [\"a\"], \"data\": [[1]]}, \"inputs\": [1]}"), ErrorCode.BAD_REQUEST)
                .hasMessageStartingWith(REQUIRED + ". Received dictionary with input fields: ['dataframe_split', 'inputs']. IMPORTANT:");
    }

    @Test
    void refusesADictionaryWithoutInputKey() {
        assertFails(() -> v2("{\"params\": {}}"), ErrorCode.BAD_REQUEST)
                .hasMessageStartingWith(REQUIRED + ". Received dictionary with input fields: []. IMPORTANT: The MLflow Model scoring");
    }

    @Test
    void refusesATopLevelListIn2x() {
        assertFails(() -> v2("[1]"), ErrorCode.BAD_REQUEST).hasMessage("Invalid input. " + REQUIRED + ". Received a list.");
    }

    @Test
    void refusesATopLevelScalarNamingItsPythonType() {
        assertFails(() -> v2("\"abc\""), ErrorCode.BAD_REQUEST)
                .hasMessage("Invalid input. " + REQUIRED + ". Received unexpected input type '<class 'str'>.");
        assertFails(() -> v2("1.5"), ErrorCode.BAD_REQUEST).hasMessageEndingWith("Received unexpected input type '<class 'float'>.");
    }

    @Test
    void readsLastOfARepeatedInputKeyAsPythonsDictDoes() {
        assertThat(values(tensor(v2("{\"inputs\": [1], \"inputs\": [2]}").input()))).containsExactly(2L);
    }

    @Test
    void refusesAnEmptyBodyAsPythonsJsonDoes() {
        assertFails(() -> v2(""), ErrorCode.BAD_REQUEST)
                .hasMessageStartingWith("Invalid input. Ensure that input is a valid JSON formatted string. Error: '")
                .hasMessageContaining("Expecting value: line 1 column 1 (char 0)");
    }

    @Test
    void refusesDataAfterTheDocument() {
        assertFails(() -> v2("{\"inputs\": [1]} x"), ErrorCode.BAD_REQUEST)
                .hasMessageStartingWith("Invalid input. Ensure that input is a valid JSON formatted string. Error: '")
                .hasMessageEndingWith("Input: \n{\"inputs\": [1]} x\n");
        assertFails(() -> v2("{\"inputs\": [1]} {}"), ErrorCode.BAD_REQUEST).hasMessageContaining("Extra data");
    }

    @Test
    void refusesAByteOrderMarkAsPythonsJsonDoes() {
        byte[] body = "\uFEFF{\"inputs\": [1]}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertFails(() -> new JsonRequestCodec(Optional.empty(), ScoringProtocol.MLFLOW_2, SpareCores.none()).decode(body), ErrorCode.BAD_REQUEST)
                .hasMessageContaining("Unexpected UTF-8 BOM (decode using utf-8-sig)");
    }

    @Test
    void refusesBytesThatAreNotUtf8WithABadRequest() {
        byte[] body = {'{', '"', 'i', 'n', 'p', 'u', 't', 's', '"', ':', ' ', '[', '"', (byte) 0xff, (byte) 0xfe, '"', ']', '}'};
        assertFails(() -> new JsonRequestCodec(Optional.empty(), ScoringProtocol.MLFLOW_2, SpareCores.none()).decode(body), ErrorCode.BAD_REQUEST)
                .hasMessageStartingWith("Invalid input. Ensure that input is a valid JSON formatted string.")
                .hasMessageContaining("Invalid UTF-8");
    }

    @Test
    void refusesNestingBeyondMaxDepthAsABadRequestNotAStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        for (String body : List.of("{\"inputs\": " + deep + "}", "{\"inputs\": [1], \"params\": {\"p\": " + deep + "}}",
                "{\"dataframe_records\": [{\"a\": " + deep + "}]}", "{\"ignored\": " + deep + ", \"inputs\": [1]}", deep)) {
            assertFails(() -> v2(body), ErrorCode.BAD_REQUEST).hasMessageContaining("nesting depth")
                    .hasMessageContaining(String.valueOf(Json.MAX_DEPTH));
        }
    }

    @Test
    void acceptsNestingUpToMaxDepth() {
        int depth = Json.MAX_DEPTH - 2; // the request object and the params object
        String nested = "[".repeat(depth) + "1" + "]".repeat(depth);
        Object p = ((Map<?, ?>) v2("{\"inputs\": [1], \"params\": {\"p\": " + nested + "}}").params()).get("p");
        for (int i = 0; i < depth; i++) {
            p = ((List<?>) p).get(0);
        }
        assertThat(p).isEqualTo(1L);
    }

    @Test
    void readsNonFiniteTokensAndHugeNumbersAsPythonsJsonDoes() {
        var f = frame(v2("{\"dataframe_split\": {\"columns\": [\"a\", \"b\", \"c\", \"d\"], \"data\": "
                + "[[1e308, 1e309, -0.0, NaN], [1, Infinity, -Infinity, 2]]}}").input());
        assertThat(Requests.dtypes(f)).containsExactly("float64", "float64", "float64", "float64");
        assertThat(rows(f)).containsExactly(List.of(1e308, Double.POSITIVE_INFINITY, -0.0, Double.NaN),
                List.of(1.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 2.0));
        assertThat(Double.doubleToRawLongBits((Double) rows(f).get(0).get(2))).isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void readsIntegersBeyondLongAsFloats() {
        // A deliberate divergence: pandas keeps 2**70 as a Python int in an object column (uint64 below 2**64);
        // Modelport's columns hold no arbitrary-precision integers, so the value becomes the nearest float64.
        var f = frame(v2("{\"dataframe_split\": {\"columns\": [\"a\"], \"data\": [[1180591620717411303424], [1]]}}").input());
        assertThat(Requests.dtypes(f)).containsExactly("float64");
        assertThat(rows(f)).containsExactly(List.of(1.180591620717411303424e21), List.of(1.0));
    }

    @Test
    void readsA1xSplitObjectAndRecordsList() {
        DecodedRequest split = v1("{\"columns\": [\"a\", \"b\"], \"data\": [[1, 2.5]]}");
        assertThat(split.format()).isEqualTo(RequestFormat.V1_SPLIT);
        assertThat(rows(frame(split.input()))).containsExactly(List.of(1L, 2.5));
        DecodedRequest records = v1("[{\"a\": 1}, {\"a\": 2}]");
        assertThat(records.format()).isEqualTo(RequestFormat.V1_RECORDS);
        assertThat(rows(frame(records.input()))).containsExactly(List.of(1L), List.of(2L));
    }

    @Test
    void readsA1xSplitObjectWhoseFirstKeyIsNotColumns() {
        DecodedRequest split = new JsonRequestCodec(Optional.empty(), ScoringProtocol.BOTH, SpareCores.none()).decode(
                "{\"data\": [[1]], \"columns\": [\"a\"]}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(split.format()).isEqualTo(RequestFormat.V1_SPLIT);
        assertThat(frame(split.input()).names()).containsExactly("a");
    }

    @Test
    void answers1xErrorsWithMalformedRequest() {
        assertFails(() -> v1(""), ErrorCode.MALFORMED_REQUEST).hasMessageContaining("Expecting value");
        assertFails(() -> v1("[1, 2"), ErrorCode.MALFORMED_REQUEST);
    }

    @Test
    void readsNamedTensorsAsATensorMap() {
        assertThat(v2("{\"inputs\": {\"a\": [1, 2], \"b\": [[1.5], [2.5]]}}").input()).isInstanceOf(TensorMap.class);
    }
}
