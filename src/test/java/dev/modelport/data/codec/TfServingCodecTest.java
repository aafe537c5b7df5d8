package dev.modelport.data.codec;

import static dev.modelport.data.codec.JsonRequestCodecTest.assertFails;
import static dev.modelport.data.codec.Requests.tensor;
import static dev.modelport.data.codec.Requests.v2;
import static dev.modelport.data.codec.Requests.values;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.ErrorCode;
import dev.modelport.data.Dtype;
import dev.modelport.data.Tensor;
import dev.modelport.data.TensorMap;
import org.junit.jupiter.api.Test;

/** {@code instances} and {@code inputs} read as MLflow's {@code parse_tf_serving_input} answers (expected values from MLflow 2.12). */
class TfServingCodecTest {
    private static TensorMap named(String body) {
        if (!(v2(body).input() instanceof TensorMap m)) {
            throw new AssertionError("expected named tensors for " + body);
        }
        return m;
    }

    @Test
    void readsInstancesOfRecordsAsOneTensorPerName() {
        TensorMap m = named("{\"instances\": [{\"a\": 1, \"b\": \"x\"}, {\"a\": 2, \"b\": \"y\"}]}");
        assertThat(m.tensors().keySet()).containsExactly("a", "b");
        assertThat(m.tensors().get("a").dtype()).isEqualTo(Dtype.INT64);
        assertThat(values(m.tensors().get("a"))).containsExactly(1L, 2L);
        assertThat(m.tensors().get("b").dtype()).isEqualTo(Dtype.STR);
        assertThat(values(m.tensors().get("b"))).containsExactly("x", "y");
    }

    @Test
    void stacksInstancesOfRecordsWhoseValuesAreArrays() {
        TensorMap m = named("{\"instances\": [{\"a\": [1, 2], \"b\": 1}, {\"a\": [3.5, 4], \"b\": 2}]}");
        assertThat(m.tensors().get("a").dtype()).isEqualTo(Dtype.FLOAT64);
        assertThat(m.tensors().get("a").shape()).containsExactly(2, 2);
        assertThat(values(m.tensors().get("a"))).containsExactly(1.0, 2.0, 3.5, 4.0);
        assertThat(values(m.tensors().get("b"))).containsExactly(1L, 2L);
    }

    @Test
    void refusesInstancesOfRecordsWithRaggedArraysAsMlflowWrapsNumpysError() {
        assertFails(() -> v2("{\"instances\": [{\"a\": [1, 2]}, {\"a\": [3]}]}"), ErrorCode.BAD_REQUEST)
                .hasMessage("Invalid input. Ensure that the input is a valid JSON-formatted string.\nError: ValueError('setting an array element"
                        + " with a sequence. The requested array has an inhomogeneous shape after 1 dimensions. The detected shape was (2,)"
                        + " + inhomogeneous part.')");
    }

    @Test
    void readsInputsOfNamedColumnsWithTheirShapes() {
        TensorMap m = named("{\"inputs\": {\"a\": [1, 2], \"b\": [[1.5], [2.5]]}}");
        assertThat(m.tensors().get("a").shape()).containsExactly(2);
        assertThat(m.tensors().get("b").shape()).containsExactly(2, 1);
        assertThat(m.tensors().get("b").dtype()).isEqualTo(Dtype.FLOAT64);
    }

    @Test
    void readsInstancesGivenAsADictionaryAsNamedTensors() {
        assertThat(values(named("{\"instances\": {\"a\": [1]}}").tensors().get("a"))).containsExactly(1L);
    }

    @Test
    void readsNumbersWithNullAsAnObjectArray() {
        Tensor t = tensor(v2("{\"instances\": [1, 2.5, null]}").input());
        assertThat(t.dtype()).isEqualTo(Dtype.OBJECT);
        assertThat(values(t)).containsExactly(1L, 2.5, null);
    }

    @Test
    void readsBooleansAsABoolArray() {
        Tensor t = tensor(v2("{\"inputs\": [[true, false]]}").input());
        assertThat(t.dtype()).isEqualTo(Dtype.BOOL);
        assertThat(t.shape()).containsExactly(1, 2);
    }

    @Test
    void readsAScalarInputAsAZeroDimensionalArray() {
        Tensor s = tensor(v2("{\"inputs\": \"abc\"}").input());
        assertThat(s.shape()).isEmpty();
        assertThat(s.dtype()).isEqualTo(Dtype.STR);
        Tensor n = tensor(v2("{\"inputs\": 5}").input());
        assertThat(n.shape()).isEmpty();
        assertThat(values(n)).containsExactly(5L);
    }

    @Test
    void readsNonFiniteTokensAndExtremeNumbers() {
        Tensor t = tensor(v2("{\"inputs\": [1e308, 1e309, -0.0, NaN, -Infinity]}").input());
        assertThat(t.dtype()).isEqualTo(Dtype.FLOAT64);
        assertThat(values(t)).containsExactly(1e308, Double.POSITIVE_INFINITY, -0.0, Double.NaN, Double.NEGATIVE_INFINITY);
    }

    @Test
    void refusesRaggedInstancesInNumpysWords() {
        assertFails(() -> v2("{\"instances\": [[1, 2], [3]]}"), ErrorCode.BAD_REQUEST)
                .hasMessage("Invalid input. setting an array element with a sequence. The requested array has an inhomogeneous shape "
                        + "after 1 dimensions. The detected shape was (2,) + inhomogeneous part.");
    }

    @Test
    void readsAnEmptyInputsDictionaryAsNoTensors() {
        assertThat(named("{\"inputs\": {}}").tensors()).isEmpty();
    }

    @Test
    void keepsUnicodeTensorNames() {
        assertThat(named("{\"inputs\": {\"𝄞\": [1], \"é\": [2]}}").tensors().keySet()).containsExactly("𝄞", "é");
    }
}
