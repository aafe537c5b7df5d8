package dev.modelport.data.codec;

import static dev.modelport.data.codec.Requests.dtypes;
import static dev.modelport.data.codec.Requests.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import dev.modelport.ErrorCode;
import dev.modelport.ModelportException;
import dev.modelport.data.Frame;
import dev.modelport.data.ObjectColumn;
import dev.modelport.data.parallel.SpareCores;
import dev.modelport.data.parallel.SplitThresholds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The byte-level read of plain split bodies builds exactly the frame the general (Jackson) read builds, or leaves the body to it. */
class PlainSplitBodyTest {
    private static final DecodeContext CTX = new DecodeContext(Optional.empty(), ErrorCode.BAD_REQUEST);
    /** Two cores, whatever the machine has, so big bodies are read in halves. */
    private static final SpareCores SPARE = new SpareCores(2);

    private static Frame plain(String body) {
        return PlainSplitBody.read(body.getBytes(StandardCharsets.UTF_8), CTX, SPARE);
    }

    /** The general read: DataframeSplitCodec over Jackson's tokens of the dataframe_split value. */
    private static Frame general(String body) throws IOException {
        try (JsonParser p = Json.FACTORY.createParser(body.getBytes(StandardCharsets.UTF_8))) {
            p.nextToken();
            p.nextToken();
            p.nextToken();
            return DataframeSplitCodec.decode(p, CTX);
        }
    }

    private static void assertSameFrame(String body) throws IOException {
        Frame fast = plain(body);
        assertThat(fast).as(body).isNotNull();
        Frame expected = general(body);
        assertThat(fast.names()).as(body).isEqualTo(expected.names());
        assertThat(dtypes(fast)).as(body).isEqualTo(dtypes(expected));
        assertThat(rows(fast)).as(body).isEqualTo(rows(expected)); // boxed doubles compare bit for bit: -0.0, NaN
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"dataframe_split\": {\"columns\": [\"a\", \"b\"], \"data\": [[1, 2.5], [3, -4e-3]]}}",
        "{\"dataframe_split\":{\"data\":[[1,2],[3,4]],\"columns\":[\"x\",\"y\"],\"index\":[0,1]}}",
        " \n{ \"dataframe_split\" :\t{ \"columns\" : [ ] , \"data\" : [ ] } } \r\n",
        "{\"dataframe_split\": {\"data\": []}}",
        "{\"dataframe_split\": {\"data\": [[], []]}}",
        "{\"dataframe_split\": {\"columns\": [\"c\", \"n\", \"f\", \"b\"], \"data\": [[\"blue\", 2, 21.55, false], [\"red\", 15, null, true]]}}",
        "{\"dataframe_split\": {\"data\": [[1, 2, 3], [4]], \"index\": [\"r1\", \"r2\"]}}",
        "{\"dataframe_split\": {\"data\": [[-0, -0.0, 0.0, 1E5, 1e+5, 123456789012345678, -123456789012345678]]}}",
        "{\"dataframe_split\": {\"data\": [[0.1234567890123456789012345, 1e-400, 1e400, 4.9e-324, 2.2250738585072011e-308]]}}",
        "{\"dataframe_split\": {\"data\": [[true, 1], [false, 2.0], [null, \"s\"]]}}",
        "{\"dataframe_split\": {\"columns\": [\"a\"], \"data\": [[1], [2], [3]], \"index\": [0, 1, 2]}}",
    })
    void buildsTheFrameTheGeneralReadBuilds(String body) throws IOException {
        assertSameFrame(body);
    }

    @Test
    void randomPlainBodiesBuildTheGeneralReadsFrame() throws IOException {
        Random random = new Random(17);
        String[] spaces = {"", " ", "\n", " \t"};
        for (int n = 0; n < 2_000; n++) {
            int width = 1 + random.nextInt(5);
            int rowCount = random.nextInt(20);
            int kinds = random.nextInt(6); // 0: floats; 1: ints; 2: mixed numbers; 3: strings; 4: bools/nulls; 5: anything
            StringBuilder body = new StringBuilder("{\"dataframe_split\":").append(spaces[random.nextInt(4)]).append("{\"columns\": [");
            for (int j = 0; j < width; j++) {
                body.append(j > 0 ? ", " : "").append("\"c").append(j).append('"');
            }
            body.append("],").append(spaces[random.nextInt(4)]).append("\"data\": [");
            for (int r = 0; r < rowCount; r++) {
                body.append(r > 0 ? "," + spaces[random.nextInt(4)] : "").append('[');
                for (int j = 0; j < width; j++) {
                    body.append(j > 0 ? ", " : "").append(cell(random, kinds == 5 ? random.nextInt(5) : kinds));
                }
                body.append(']');
            }
            body.append("]}}");
            assertSameFrame(body.toString());
        }
    }

    @Test
    void bigBodiesReadInHalvesBuildTheGeneralReadsFrame() throws IOException {
        Random random = new Random(23);
        for (int n = 0; n < 12; n++) {
            int width = 1 + random.nextInt(4);
            int rowCount = 30_000 + random.nextInt(10_000);
            // each column's kind may change past the middle (ints then floats, nothing then strings, ...), and rows may be short there
            int[] before = new int[width];
            int[] after = new int[width];
            for (int j = 0; j < width; j++) {
                before[j] = random.nextInt(5);
                after[j] = random.nextBoolean() ? before[j] : random.nextInt(5);
            }
            StringBuilder body = new StringBuilder("{\"dataframe_split\": {\"data\": [");
            for (int r = 0; r < rowCount; r++) {
                boolean late = r > rowCount / 2;
                int cells = late && random.nextInt(50) == 0 ? random.nextInt(width) : width;
                body.append(r > 0 ? (random.nextBoolean() ? ", " : ",\n") : "").append('[');
                for (int j = 0; j < cells; j++) {
                    body.append(j > 0 ? ", " : "").append(cell(random, late ? after[j] : before[j]));
                }
                body.append(']');
            }
            body.append("]}}");
            assertThat((long) body.length()).isGreaterThan(SplitThresholds.MEASURED.decodeInHalvesFromBytes());
            assertSameFrame(body.toString());
        }
    }

    @Test
    void stringsThatLookLikeRowBoundariesAreReadAsStrings() throws IOException {
        StringBuilder body = new StringBuilder("{\"dataframe_split\": {\"columns\": [\"s\", \"n\"], \"data\": [");
        for (int r = 0; r < 20_000; r++) {
            body.append(r > 0 ? ", " : "").append("[\"a], [b], [c], [d], [e], [f], [g\", ").append(r).append(']');
        }
        body.append("]}}");
        assertSameFrame(body.toString());
        assertThat(plain(body.toString()).rows()).isEqualTo(20_000);
    }

    /** Up to six letters of a small alphabet: repeats, and more distinct values than the reader keeps at hand. */
    private static String word(Random random) {
        StringBuilder word = new StringBuilder();
        for (int i = random.nextInt(7); i > 0; i--) {
            word.append("ab xyZ".charAt(random.nextInt(6)));
        }
        return word.toString();
    }

    @Test
    void aRepeatedStringIsReadIntoOneString() {
        Frame frame = plain("{\"dataframe_split\": {\"columns\": [\"c\"], \"data\": [[\"red\"], [\"blue\"], [\"red\"]]}}");
        Object[] values = ((ObjectColumn) frame.columns().get(0)).values();
        assertThat(values).containsExactly("red", "blue", "red");
        assertThat(values[2]).isSameAs(values[0]);
    }

    private static String cell(Random random, int kind) {
        return switch (kind) {
            case 0 -> switch (random.nextInt(4)) {
                case 0 -> Double.toString(random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20)).replace("E", "e");
                case 1 -> String.format("%.3f", random.nextGaussian() * 100);
                case 2 -> Double.toString(Double.longBitsToDouble(random.nextLong() & 0x7FEFFFFFFFFFFFFFL));
                default -> String.format("%.22e", random.nextDouble());
            };
            case 1 -> Long.toString(random.nextLong() % 1_000_000_000_000L);
            case 2 -> random.nextBoolean() ? Long.toString(random.nextInt(100)) : Double.toString(random.nextDouble());
            case 3 -> "\"" + word(random) + "\"";
            default -> switch (random.nextInt(3)) {
                case 0 -> "true";
                case 1 -> "false";
                default -> "null";
            };
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"dataframe_split\": {\"data\": [[1]]}, \"params\": {\"k\": 1}}",
        "{\"params\": {}, \"dataframe_split\": {\"data\": [[1]]}}",
        "{\"dataframe_records\": [{\"a\": 1}]}",
        "{\"dataframe_split\": {\"data\": [[1]], \"extra\": 1}}",
        "{\"dataframe_split\": {\"data\": [[1]], \"data\": [[2]]}}",
        "{\"dataframe_split\": {\"columns\": [\"a\"]}}",
        "{\"dataframe_split\": {}}",
        "{\"dataframe_split\": {\"data\": [[NaN, 1]]}}",
        "{\"dataframe_split\": {\"data\": [[01]]}}",
        "{\"dataframe_split\": {\"data\": [[1.]]}}",
        "{\"dataframe_split\": {\"data\": [[.5]]}}",
        "{\"dataframe_split\": {\"data\": [[1e]]}}",
        "{\"dataframe_split\": {\"data\": [[12345678901234567890]]}}",
        "{\"dataframe_split\": {\"data\": [[\"caf\\u00e9\"]]}}",
        "{\"dataframe_split\": {\"data\": [[\"café\"]]}}",
        "{\"dataframe_split\": {\"data\": [[[1, 2]]]}}",
        "{\"dataframe_split\": {\"data\": [1, 2]}}",
        "{\"dataframe_split\": {\"columns\": [1, 2], \"data\": [[1, 2]]}}",
        "{\"dataframe_split\": {\"data\": [[1]]}} x",
        "{\"dataframe_split\": {\"data\": [[1]]}",
        "{\"dataframe_split\": {\"data\": [[1],]}}",
        "{\"dataframe_split\": {\"data\": [[1 2]]}}",
        "{\"dataframe_split\": {\"data\": [[truex]]}}",
        "\uFEFF{\"dataframe_split\": {\"data\": [[1]]}}",
    })
    void leavesEveryOtherBodyToTheGeneralRead(String body) {
        assertThat(plain(body)).isNull();
    }

    @Test
    void aPlainBodyMeetsTheGeneralChecks() {
        String body = "{\"dataframe_split\": {\"columns\": [\"a\", \"b\"], \"data\": [[1, 2, 3]]}}";
        assertThatThrownBy(() -> plain(body)).isInstanceOf(ModelportException.class)
                .hasMessageContaining("2 columns passed, passed data had 3 columns");
        assertThatThrownBy(() -> general(body)).isInstanceOf(ModelportException.class)
                .hasMessageContaining("2 columns passed, passed data had 3 columns");
    }
}
