package dev.modelport.flavor.pyfunc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The length-prefixed frames between the JVM and the Python worker. */
class WorkerMessageTest {

    private static byte[] bytes(WorkerMessage message) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.write(out);
        return out.toByteArray();
    }

    @Test
    void writesPartCountThenEachPartWithItsBigEndianLength() throws IOException {
        byte[] written = bytes(new WorkerMessage(List.of("{}".getBytes(StandardCharsets.UTF_8), new byte[0], new byte[] {7})));
        assertThat(written).containsExactly(0, 0, 0, 3, 0, 0, 0, 2, '{', '}', 0, 0, 0, 0, 0, 0, 0, 1, 7);
    }

    @Test
    void readsBackSeveralMessagesInOrderIncludingEmptyAndLargeParts() throws IOException {
        byte[] large = new byte[1 << 20];
        Arrays.fill(large, (byte) 0xA5);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new WorkerMessage(List.of("{\"a\": 1}".getBytes(StandardCharsets.UTF_8), new byte[0], large)).write(out);
        new WorkerMessage(List.of(new byte[0])).write(out);
        ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
        WorkerMessage first = WorkerMessage.read(in).orElseThrow();
        assertThat(first.parts()).hasSize(3);
        assertThat(new String(first.header(), StandardCharsets.UTF_8)).isEqualTo("{\"a\": 1}");
        assertThat(first.parts().get(1)).isEmpty();
        assertThat(first.parts().get(2)).isEqualTo(large);
        assertThat(WorkerMessage.read(in).orElseThrow().parts()).singleElement().satisfies(p -> assertThat(p).isEmpty());
        assertThat(WorkerMessage.read(in)).isEqualTo(Optional.empty());
    }

    @Test
    void endOfStreamBetweenMessagesIsEmpty() throws IOException {
        assertThat(WorkerMessage.read(new ByteArrayInputStream(new byte[0]))).isEmpty();
    }

    @Test
    void endOfStreamInsideAMessageIsAnError() throws IOException {
        byte[] whole = bytes(new WorkerMessage(List.of("{\"ok\": true}".getBytes(StandardCharsets.UTF_8))));
        for (int cut : new int[] {1, 3, 4, 7, whole.length - 1}) {
            assertThatThrownBy(() -> WorkerMessage.read(new ByteArrayInputStream(Arrays.copyOf(whole, cut)))).as("cut at %d", cut)
                    .isInstanceOf(EOFException.class);
        }
    }

    @Test
    void rejectsCorruptPartCountsAndLengths() {
        assertThatThrownBy(() -> WorkerMessage.read(new ByteArrayInputStream(new byte[] {0, 0, 0, 0}))).isInstanceOf(IOException.class)
                .hasMessageContaining("0 parts");
        assertThatThrownBy(() -> WorkerMessage.read(new ByteArrayInputStream(new byte[] {(byte) 0xFF, 0, 0, 0}))).isInstanceOf(IOException.class)
                .hasMessageContaining("parts");
        assertThatThrownBy(() -> WorkerMessage.read(new ByteArrayInputStream(new byte[] {0, 0, 0, 1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF})))
                .isInstanceOf(IOException.class).hasMessageContaining("bytes");
    }

    @Test
    void aMessageNeedsItsHeader() {
        assertThatThrownBy(() -> new WorkerMessage(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
