package dev.modelport.data.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.data.BooleanColumn;
import dev.modelport.data.DoubleColumn;
import dev.modelport.data.Dtype;
import dev.modelport.data.Frame;
import dev.modelport.data.LongColumn;
import dev.modelport.data.ObjectColumn;
import dev.modelport.data.Output;
import dev.modelport.data.Tensor;
import dev.modelport.data.TensorMap;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Response bodies byte for byte as MLflow 2.12's {@code predictions_to_json} writes them
 * ({@code json.dump(..., cls=NumpyEncoder)}: Python's separators, {@code repr} floats, bare NaN and
 * Infinity, every character outside printable ASCII escaped as {@code \\uXXXX} in lower-case hex).
 */
class PredictionsEncoderTest {
    private static String wrapped(Output output) {
        return new String(PredictionsEncoder.encode(output, true), StandardCharsets.US_ASCII);
    }

    @Test
    void writesFloatsAsPythonsReprWithBareNonFiniteTokens() {
        Tensor t = Tensor.vector(DoubleColumn.of(1e308, Double.POSITIVE_INFINITY, -0.0, Double.NaN, 0.1, 1e16, 1.5e-7, 123456789.0,
                Double.NEGATIVE_INFINITY));
        assertThat(wrapped(t)).isEqualTo("{\"predictions\": [1e+308, Infinity, -0.0, NaN, 0.1, 1e+16, 1.5e-07, 123456789.0, -Infinity]}");
    }

    @Test
    void writesFloat32AsTheDoubleItWidensTo() {
        Tensor t = Tensor.vector(new DoubleColumn(new double[] {(float) 0.1}, Dtype.FLOAT32));
        assertThat(wrapped(t)).isEqualTo("{\"predictions\": [0.10000000149011612]}");
    }

    @Test
    void writesNestedListsForAMatrix() {
        assertThat(wrapped(new Tensor(LongColumn.of(1, 2, 3, 4), 2, 2))).isEqualTo("{\"predictions\": [[1, 2], [3, 4]]}");
    }

    @Test
    void writesUint64BeyondLongAsItsUnsignedValue() {
        Tensor t = Tensor.vector(new LongColumn(new long[] {-1L}, Dtype.UINT64));
        assertThat(wrapped(t)).isEqualTo("{\"predictions\": [18446744073709551615]}");
    }

    @Test
    void writesIntegersBeyondLongExactly() {
        Tensor t = Tensor.vector(ObjectColumn.of(BigInteger.TWO.pow(70)));
        assertThat(wrapped(t)).isEqualTo("{\"predictions\": [1180591620717411303424]}");
    }

    @Test
    void writesBooleansAndObjects() {
        assertThat(wrapped(Tensor.vector(new BooleanColumn(new boolean[] {true, false})))).isEqualTo("{\"predictions\": [true, false]}");
        assertThat(wrapped(Tensor.vector(ObjectColumn.of(null, 1L, "x", 2.5)))).isEqualTo("{\"predictions\": [null, 1, \"x\", 2.5]}");
    }

    @Test
    void escapesNonAsciiAsPythonsJsonDumpsDoes() {
        Tensor t = Tensor.vector(new ObjectColumn(new Object[] {"é", "𝄞", "a\"b\\", "\n\t\u0001\u007f"}, Dtype.OBJECT));
        assertThat(wrapped(t)).isEqualTo("{\"predictions\": [\"\\u00e9\", \"\\ud834\\udd1e\", \"a\\\"b\\\\\", \"\\n\\t\\u0001\\u007f\"]}");
    }

    @Test
    void escapesNonAsciiColumnNamesOfARecordsAnswer() {
        Frame f = Frame.of(List.of("é 𝄞", "b"), List.of(DoubleColumn.of(1.5), ObjectColumn.of("x")));
        assertThat(wrapped(f)).isEqualTo("{\"predictions\": [{\"\\u00e9 \\ud834\\udd1e\": 1.5, \"b\": \"x\"}]}");
    }

    @Test
    void writesEmptyFramesAndTensorsAsAnEmptyList() {
        assertThat(wrapped(Frame.of(List.of(), List.of()))).isEqualTo("{\"predictions\": []}");
        assertThat(wrapped(Frame.of(List.of("a"), List.of(DoubleColumn.of())))).isEqualTo("{\"predictions\": []}");
        assertThat(wrapped(Tensor.vector(DoubleColumn.of()))).isEqualTo("{\"predictions\": []}");
        assertThat(wrapped(new Tensor(DoubleColumn.of(), 0, 3))).isEqualTo("{\"predictions\": []}");
    }

    @Test
    void writesNamedTensorsAsAnObject() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("a", Tensor.vector(LongColumn.of(1, 2)));
        tensors.put("𝄞", Tensor.vector(DoubleColumn.of(0.5)));
        assertThat(wrapped(new TensorMap(tensors))).isEqualTo("{\"predictions\": {\"a\": [1, 2], \"\\ud834\\udd1e\": [0.5]}}");
    }

    @Test
    void writesAZeroDimensionalTensorAsAScalar() {
        assertThat(wrapped(new Tensor(DoubleColumn.of(3.5)))).isEqualTo("{\"predictions\": 3.5}");
    }

    @Test
    void writesTheBareValueFor1x() {
        assertThat(new String(PredictionsEncoder.encode(Tensor.vector(LongColumn.of(1, 2)), false), StandardCharsets.US_ASCII))
                .isEqualTo("[1, 2]");
    }
}
