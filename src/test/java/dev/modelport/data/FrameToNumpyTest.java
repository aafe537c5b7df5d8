package dev.modelport.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Frame#toNumpy()} picks the dtype pandas 1.5.3 picks: each row is
 * {@code pd.DataFrame({"a": np.array([1], a), "b": np.array([1], b)}).to_numpy().dtype}, as
 * printed by pandas (see the expected column).
 */
class FrameToNumpyTest {
    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource({
        "float32, float32, float32",
        "int32, float32, float64",
        "int16, float32, float32",
        "int8, float16, float16",
        "int64, bool, object",
        "uint8, int8, int16",
        "int64, uint64, float64",
        "int32, int32, int32",
        "int32, int64, int64",
        "bool, bool, bool",
        "float32, float64, float64",
        "uint32, int32, int64",
        "object, float64, object",
    })
    void takesPandasCommonDtype(String a, String b, String expected) {
        Frame frame = Frame.of(List.of("a", "b"), List.of(one(a), one(b)));
        Tensor values = frame.toNumpy();
        assertThat(values.dtype().numpyName()).isEqualTo(expected);
        assertThat(values.shape()).containsExactly(1, 2);
        Object first = values.values().get(0);
        boolean one = first instanceof Boolean bool ? bool : ((Number) first).doubleValue() == 1.0;
        assertThat(one).as("first value %s", first).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"int64", "float32", "object"})
    void laysRowsOutRowMajor(String dtype) {
        Column a = column(dtype, 1, 2, 3);
        Column b = column(dtype, 4, 5, 6);
        Tensor values = Frame.of(List.of("a", "b"), List.of(a, b)).toNumpy();
        assertThat(values.shape()).containsExactly(3, 2);
        List<Object> flat = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            flat.add(((Number) values.values().get(i)).longValue());
        }
        assertThat(flat).containsExactly(1L, 4L, 2L, 5L, 3L, 6L);
    }

    private static Column one(String dtype) {
        return dtype.equals("bool") ? new BooleanColumn(new boolean[] {true}) : column(dtype, 1);
    }

    private static Column column(String dtype, long... values) {
        Dtype d = Dtype.fromNumpyName(dtype).orElseThrow();
        if (d.isFloating()) {
            double[] v = new double[values.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = values[i];
            }
            return new DoubleColumn(v, d);
        }
        if (d == Dtype.OBJECT) {
            Object[] v = new Object[values.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = (double) values[i];
            }
            return new ObjectColumn(v, d);
        }
        return new LongColumn(values, d);
    }
}
