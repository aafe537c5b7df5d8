package dev.modelport.data.codec;

import static dev.modelport.data.codec.JsonRequestCodecTest.assertFails;
import static dev.modelport.data.codec.Requests.dtypes;
import static dev.modelport.data.codec.Requests.frame;
import static dev.modelport.data.codec.Requests.rows;
import static dev.modelport.data.codec.Requests.v2;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.ErrorCode;
import dev.modelport.data.Frame;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code {"dataframe_records": [...]}} read as MLflow's {@code pd.DataFrame(records)} answers (expected values from MLflow 2.12). */
class DataframeRecordsCodecTest {
    private static Frame records(String value) {
        return frame(v2("{\"dataframe_records\": " + value + "}").input());
    }

    @Test
    void readsNoRecordsAsAnEmptyFrame() {
        Frame f = records("[]");
        assertThat(f.names()).isEmpty();
        assertThat(f.rows()).isZero();
    }

    @Test
    void readsEmptyRecordsAsRowsWithoutColumns() {
        Frame f = records("[{}, {}]");
        assertThat(f.names()).isEmpty();
        assertThat(f.rows()).isEqualTo(2);
    }

    @Test
    void fillsKeysAbsentFromSomeRecordsWithNaN() {
        Frame f = records("[{\"a\": 1}, {\"b\": 2.5}]");
        assertThat(f.names()).containsExactly("a", "b");
        assertThat(dtypes(f)).containsExactly("float64", "float64");
        assertThat(rows(f)).containsExactly(List.of(1.0, Double.NaN), List.of(Double.NaN, 2.5));
    }

    @Test
    void keepsTheLastOfARepeatedKey() {
        Frame f = records("[{\"a\": 1, \"a\": 2}]");
        assertThat(f.names()).containsExactly("a");
        assertThat(rows(f)).containsExactly(List.of(2L));
    }

    @Test
    void keepsUnicodeKeys() {
        assertThat(records("[{\"𝄞\": 1, \"é\": true}]").names()).containsExactly("𝄞", "é");
    }

    @Test
    void readsNonFiniteTokens() {
        Frame f = records("[{\"a\": NaN}, {\"a\": Infinity}, {\"a\": -Infinity}]");
        assertThat(rows(f)).containsExactly(List.of(Double.NaN), List.of(Double.POSITIVE_INFINITY), List.of(Double.NEGATIVE_INFINITY));
    }

    @Test
    void refusesADictionaryInPlaceOfTheRecordsList() {
        assertFails(() -> v2("{\"dataframe_records\": {\"a\": 1}}"), ErrorCode.BAD_REQUEST)
                .hasMessage("Invalid input. Dataframe records format must be a list of records. Got dictionary.");
    }
}
