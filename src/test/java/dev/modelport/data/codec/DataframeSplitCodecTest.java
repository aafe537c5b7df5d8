package dev.modelport.data.codec;

import static dev.modelport.data.codec.JsonRequestCodecTest.assertFails;
import static dev.modelport.data.codec.Requests.dtypes;
import static dev.modelport.data.codec.Requests.frame;
import static dev.modelport.data.codec.Requests.rows;
import static dev.modelport.data.codec.Requests.v2;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.ErrorCode;
import dev.modelport.data.Frame;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code {"dataframe_split": ...}} read as MLflow's {@code pd.read_json(orient="split")} answers (expected values from MLflow 2.12). */
class DataframeSplitCodecTest {
    private static Frame split(String value) {
        return frame(v2("{\"dataframe_split\": " + value + "}").input());
    }

    @Test
    void readsNoColumnsAndNoRowsAsAnEmptyFrame() {
        Frame f = split("{\"columns\": [], \"data\": []}");
        assertThat(f.names()).isEmpty();
        assertThat(f.rows()).isZero();
    }

    @Test
    void readsColumnsWithoutRowsAsObjectColumns() {
        Frame f = split("{\"columns\": [\"a\", \"b\"], \"data\": []}");
        assertThat(f.names()).containsExactly("a", "b");
        assertThat(f.rows()).isZero();
        assertThat(dtypes(f)).containsExactly("object", "object");
    }

    @Test
    void keepsUnicodeColumnNamesIncludingNonBmp() {
        Frame f = split("{\"columns\": [\"é\", \"☃\", \"𝄞\", \"\\u00e9\\ud834\\udd1e\"], \"data\": [[1, 2, 3, 4]]}");
        assertThat(f.names()).containsExactly("é", "☃", "𝄞", "é𝄞");
    }

    @Test
    void keepsDuplicatedColumnNamesAsPandasDoes() {
        Frame f = split("{\"columns\": [\"a\", \"a\"], \"data\": [[1, 2]]}");
        assertThat(f.names()).containsExactly("a", "a");
        assertThat(rows(f)).containsExactly(List.of(1L, 2L));
    }

    @Test
    void namesColumnsByPositionWhenTheyAreNotGiven() {
        Frame f = split("{\"data\": [[1, 2]]}");
        assertThat(f.names()).containsExactly("0", "1");
        assertThat(dtypes(f)).containsExactly("int64", "int64");
    }

    @Test
    void ignoresTheIndexAndTypesColumnsAsPandas() {
        Frame f = split("{\"columns\": [\"a\", \"b\"], \"index\": [5, 6], \"data\": [[1, \"x\"], [2, null]]}");
        assertThat(dtypes(f)).containsExactly("int64", "object");
        assertThat(rows(f)).containsExactly(List.of(1L, "x"), Arrays.asList(2L, null));
    }

    @Test
    void readsIntegersWithNullAsFloatsWithNaN() {
        Frame f = split("{\"columns\": [\"a\"], \"data\": [[1], [null]]}");
        assertThat(dtypes(f)).containsExactly("float64");
        assertThat(rows(f)).containsExactly(List.of(1.0), List.of(Double.NaN));
    }

    @Test
    void refusesRowsWiderThanTheColumnsInPandasWords() {
        assertFails(() -> v2("{\"dataframe_split\": {\"columns\": [\"a\"], \"data\": [[1, 2]]}}"), ErrorCode.BAD_REQUEST)
                .hasMessage("Invalid input. Provided dataframe_split field is not a valid dataframe representation in 'split' format. "
                        + "Error: '1 columns passed, passed data had 2 columns'");
    }

    @Test
    void refusesAListInPlaceOfTheSplitDictionary() {
        assertFails(() -> v2("{\"dataframe_split\": [[1]]}"), ErrorCode.BAD_REQUEST)
                .hasMessage("Invalid input. Dataframe split format must be a dictionary. Got list.");
    }
}
