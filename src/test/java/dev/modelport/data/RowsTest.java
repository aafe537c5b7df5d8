package dev.modelport.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowsTest {
    private static final Frame FRAME = Frame.of(List.of("x", "n", "flag", "s"), List.of(
            DoubleColumn.of(0.5, 1.5, 2.5, 3.5, 4.5),
            new LongColumn(new long[] {10, 11, 12, 13, 14}, Dtype.INT32),
            new BooleanColumn(new boolean[] {true, false, true, false, true}),
            new ObjectColumn(new Object[] {"a", "b", null, "d", "e"}, Dtype.STR)));

    @Test
    void aFramesRowsSliceAndJoinBackInOrder() {
        Input middle = Rows.slice(FRAME, 1, 3);
        assertThat(Rows.count(middle)).isEqualTo(2);
        Frame part = (Frame) middle;
        assertThat(part.names()).isEqualTo(FRAME.names());
        assertThat(((DoubleColumn) part.columns().get(0)).values()).containsExactly(1.5, 2.5);
        assertThat(((LongColumn) part.columns().get(1)).values()).containsExactly(11, 12);
        assertThat(part.columns().get(1).dtype()).isEqualTo(Dtype.INT32);
        assertThat(((ObjectColumn) part.columns().get(3)).values()).containsExactly("b", null);

        List<Output> parts = List.of((Frame) Rows.slice(FRAME, 0, 2), (Frame) Rows.slice(FRAME, 2, 5));
        assertThat(Rows.concat(parts)).get().usingRecursiveComparison().isEqualTo(FRAME);
    }

    @Test
    void aTensorIsCutAlongItsFirstAxis() {
        Tensor matrix = new Tensor(DoubleColumn.of(1, 2, 3, 4, 5, 6), 3, 2);
        Tensor last = (Tensor) Rows.slice(matrix, 1, 3);
        assertThat(last.shape()).containsExactly(2, 2);
        assertThat(((DoubleColumn) last.values()).values()).containsExactly(3, 4, 5, 6);

        List<Output> parts = List.of((Tensor) Rows.slice(matrix, 0, 1), last);
        assertThat(Rows.concat(parts)).get().usingRecursiveComparison().isEqualTo(matrix);
    }

    @Test
    void namedTensorsAreCutTogether() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("a", Tensor.vector(LongColumn.of(1, 2, 3)));
        tensors.put("b", new Tensor(DoubleColumn.of(1, 2, 3, 4, 5, 6), 3, 2));
        TensorMap map = new TensorMap(tensors);
        assertThat(Rows.count((Input) map)).isEqualTo(3);

        List<Output> parts = List.of((TensorMap) Rows.slice(map, 0, 2), (TensorMap) Rows.slice(map, 2, 3));
        assertThat(Rows.concat(parts)).get().usingRecursiveComparison().isEqualTo(map);
        assertThat(Rows.count((Input) new TensorMap(Map.of("a", Tensor.vector(LongColumn.of(1)), "b", Tensor.vector(LongColumn.of(1, 2))))))
                .as("named tensors of different lengths have no rows").isEqualTo(-1);
    }

    @Test
    void unlikePartsDoNotJoin() {
        Tensor floats = Tensor.vector(DoubleColumn.of(1, 2));
        Tensor float32 = Tensor.vector(new DoubleColumn(new double[] {3}, Dtype.FLOAT32));
        Tensor longs = Tensor.vector(LongColumn.of(3));
        Tensor wide = new Tensor(DoubleColumn.of(1, 2), 1, 2);
        Tensor wider = new Tensor(DoubleColumn.of(1, 2, 3), 1, 3);
        assertThat(Rows.concat(List.of(floats, float32))).as("dtypes differ").isEmpty();
        assertThat(Rows.concat(List.of(floats, longs))).as("column kinds differ").isEmpty();
        assertThat(Rows.concat(List.of(wide, wider))).as("row shapes differ").isEmpty();
        assertThat(Rows.concat(List.of(floats, FRAME))).as("a tensor and a frame").isEmpty();
        Frame renamed = Frame.of(List.of("y", "n", "flag", "s"), FRAME.columns());
        assertThat(Rows.concat(List.of(FRAME, renamed))).as("names differ").isEmpty();
        assertThat(Rows.count((Input) new Tensor(DoubleColumn.of(7)))).as("a 0-D tensor has no rows").isEqualTo(-1);
    }
}
