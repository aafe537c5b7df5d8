package dev.modelport.flavor.pyfunc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.data.BooleanColumn;
import dev.modelport.data.Column;
import dev.modelport.data.DoubleColumn;
import dev.modelport.data.Dtype;
import dev.modelport.data.LongColumn;
import dev.modelport.data.ObjectColumn;
import dev.modelport.data.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** numpy's .npy format as the worker exchanges it (numpy's side is checked in PyfuncWorkersTest against MLflow). */
class NpyTest {

    static Stream<Column> columns() {
        return Stream.of(DoubleColumn.of(1.5, Double.NaN, -0.0, Double.POSITIVE_INFINITY, Double.MIN_VALUE),
                new DoubleColumn(new double[] {0.1f, -3.25f, Float.MAX_VALUE}, Dtype.FLOAT32),
                new DoubleColumn(new double[] {0.5, 65504, -2}, Dtype.FLOAT16),
                LongColumn.of(Long.MIN_VALUE, -1, 0, Long.MAX_VALUE),
                new LongColumn(new long[] {Integer.MIN_VALUE, 7}, Dtype.INT32), new LongColumn(new long[] {-32768, 32767}, Dtype.INT16),
                new LongColumn(new long[] {-128, 127}, Dtype.INT8), new LongColumn(new long[] {0, 255}, Dtype.UINT8),
                new LongColumn(new long[] {65535}, Dtype.UINT16), new LongColumn(new long[] {4294967295L}, Dtype.UINT32),
                new LongColumn(new long[] {-1L}, Dtype.UINT64), new LongColumn(new long[] {1_700_000_000_123_456_789L}, Dtype.DATETIME64),
                new BooleanColumn(new boolean[] {true, false, true}), DoubleColumn.of());
    }

    @ParameterizedTest
    @MethodSource("columns")
    void roundTripsEveryNumericDtype(Column column) throws IOException {
        Tensor back = Npy.read(Npy.write(column, column.size()));
        assertThat(back.shape()).containsExactly(column.size());
        assertThat(raw(back.values())).isEqualTo(raw(column));
        assertThat(back.dtype()).isEqualTo(column.dtype());
    }

    @Test
    void keepsShapesIncludingZeroDimensionalAndEmpty() throws IOException {
        assertThat(Npy.read(Npy.write(DoubleColumn.of(7), new int[0])).shape()).isEmpty();
        assertThat(Npy.read(Npy.write(LongColumn.of(1, 2, 3, 4, 5, 6), 2, 3)).shape()).containsExactly(2, 3);
        assertThat(Npy.read(Npy.write(DoubleColumn.of(), 0, 3)).shape()).containsExactly(0, 3);
    }

    @Test
    void writesNumpysVersionOneHeaderAlignedTo64Bytes() {
        byte[] npy = Npy.write(LongColumn.of(1, 2), 2);
        int headerLength = (npy[8] & 0xFF) | (npy[9] & 0xFF) << 8;
        assertThat((10 + headerLength) % 64).isZero();
        assertThat(new String(npy, 10, headerLength, StandardCharsets.ISO_8859_1))
                .startsWith("{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }").endsWith("\n");
        assertThat(npy).hasSize(10 + headerLength + 16);
    }

    @Test
    void rejectsWhatItCannotRead() {
        byte[] good = Npy.write(DoubleColumn.of(1, 2), 2);
        assertThatThrownBy(() -> Npy.read("not npy at all".getBytes(StandardCharsets.UTF_8))).isInstanceOf(IOException.class).hasMessage("not .npy bytes");
        assertThatThrownBy(() -> Npy.read(Arrays.copyOf(good, good.length - 1))).isInstanceOf(IOException.class).hasMessageContaining("for 2 values");
        assertThatThrownBy(() -> Npy.read(replace(good, "<f8", "<c8"))).isInstanceOf(IOException.class).hasMessageContaining("unsupported .npy dtype <c8");
        assertThatThrownBy(() -> Npy.read(replace(good, "False", "True "))).isInstanceOf(IOException.class).hasMessageContaining("Fortran");
    }

    @Test
    void objectColumnsHaveNoNpyForm() {
        assertThat(Npy.supports(ObjectColumn.of("a"))).isFalse();
        assertThat(Npy.supports(LongColumn.of(1))).isTrue();
        assertThatThrownBy(() -> Npy.write(ObjectColumn.of("a"), 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Object raw(Column c) {
        return switch (c) {
            case DoubleColumn d -> d.values();
            case LongColumn l -> l.values();
            case BooleanColumn b -> b.values();
            case ObjectColumn o -> o.values();
        };
    }

    private static byte[] replace(byte[] npy, String from, String to) {
        String text = new String(npy, StandardCharsets.ISO_8859_1);
        return text.replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
    }

}
