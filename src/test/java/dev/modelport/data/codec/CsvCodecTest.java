package dev.modelport.data.codec;

import static dev.modelport.data.codec.Requests.dtypes;
import static dev.modelport.data.codec.Requests.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.ErrorCode;
import dev.modelport.ModelportException;
import dev.modelport.data.Dtype;
import dev.modelport.data.Frame;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** {@code text/csv} bodies read as MLflow's {@code parse_csv_input} ({@code pd.read_csv}) answers them (expected values from MLflow 2.12, pandas 1.5). */
class CsvCodecTest {
    private static final String FAILED = "Failed to parse input as a Pandas DataFrame. Ensure that the input is a valid CSV-formatted"
            + " Pandas DataFrame produced using the `pandas.DataFrame.to_csv()` method. Error: '";

    private static Frame csv(String body) {
        return CsvCodec.readFrame(body.getBytes(StandardCharsets.UTF_8), Optional.empty(), ErrorCode.BAD_REQUEST);
    }

    private static Frame csv(String body, String column, Dtype frameDtype, Dtype arrayDtype) {
        SchemaHint hint = new SchemaHint(List.of(new TypeHint(Optional.of(column), frameDtype, arrayDtype, false, true)), false);
        return CsvCodec.readFrame(body.getBytes(StandardCharsets.UTF_8), Optional.of(hint), ErrorCode.BAD_REQUEST);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(Runnable decode) {
        return assertThatThrownBy(decode::run).isInstanceOf(ModelportException.class)
                .satisfies(e -> assertThat(((ModelportException) e).code()).isEqualTo(ErrorCode.BAD_REQUEST))
                .hasMessageStartingWith(FAILED);
    }

    @Test
    void unquotesFieldsWithSeparatorsAndDoubledQuotes() {
        Frame f = csv("a,b\n\"x,y\",\"he said \"\"hi\"\"\"\n");
        assertThat(rows(f)).containsExactly(List.of("x,y", "he said \"hi\""));
        assertThat(dtypes(f)).containsExactly("object", "object");
    }

    @Test
    void keepsANewlineInsideQuotes() {
        Frame f = csv("a,b\n\"line1\nline2\",2\n");
        assertThat(rows(f)).containsExactly(List.of("line1\nline2", 2L));
        assertThat(dtypes(f)).containsExactly("object", "int64");
    }

    @Test
    void skipsAByteOrderMark() {
        Frame f = csv("\uFEFFa,b\n1,2\n");
        assertThat(f.names()).containsExactly("a", "b");
        assertThat(rows(f)).containsExactly(List.of(1L, 2L));
    }

    @Test
    void readsCrlfLineEnds() {
        Frame f = csv("a,b\r\n1,2\r\n3,4\r\n");
        assertThat(f.names()).containsExactly("a", "b");
        assertThat(rows(f)).containsExactly(List.of(1L, 2L), List.of(3L, 4L));
    }

    @Test
    void skipsEmptyLinesAtTheEndAndInBetween() {
        assertThat(rows(csv("a,b\n1,2\n\n\n"))).containsExactly(List.of(1L, 2L));
        assertThat(rows(csv("a,b\n1,2\n\n3,4\n"))).containsExactly(List.of(1L, 2L), List.of(3L, 4L));
    }

    @Test
    void refusesAnEmptyBodyAsPandasDoes() {
        assertRefused(() -> csv("")).hasMessageEndingWith("No columns to parse from file'");
    }

    @Test
    void readsAHeaderWithoutRowsAsObjectColumns() {
        Frame f = csv("a,b\n");
        assertThat(f.names()).containsExactly("a", "b");
        assertThat(f.rows()).isZero();
        assertThat(dtypes(f)).containsExactly("object", "object");
    }

    @Test
    void keepsUnicodeColumnNames() {
        assertThat(csv("é,𝄞\n1,2\n").names()).containsExactly("é", "𝄞");
    }

    @Test
    void renamesADuplicatedHeaderAsPandasDoes() {
        assertThat(csv("a,a\n1,2\n").names()).containsExactly("a", "a.1");
    }

    @Test
    void fillsAShortRowWithNaN() {
        Frame f = csv("a,b\n1\n");
        assertThat(dtypes(f)).containsExactly("int64", "float64");
        assertThat(rows(f)).containsExactly(List.of(1L, Double.NaN));
    }

    @Test
    void readsPandasMissingValueMarkersAsMissing() {
        Frame f = csv("a,b\nNA,\n1,x\n");
        assertThat(dtypes(f)).containsExactly("float64", "object");
        assertThat(rows(f)).containsExactly(Arrays.asList(Double.NaN, Double.NaN), Arrays.asList(1.0, "x")); // NaN, not None, in pandas' object column
    }

    @Test
    void readsPandasBooleanWords() {
        Frame f = csv("a\nTrue\nfalse\n");
        assertThat(dtypes(f)).containsExactly("bool");
        assertThat(rows(f)).containsExactly(List.of(true), List.of(false));
    }

    @Test
    void readsNonFiniteWordsAsFloats() {
        Frame f = csv("a\nnan\ninf\n-inf\nInfinity\n");
        assertThat(dtypes(f)).containsExactly("float64");
        assertThat(rows(f)).containsExactly(List.of(Double.NaN), List.of(Double.POSITIVE_INFINITY), List.of(Double.NEGATIVE_INFINITY),
                List.of(Double.POSITIVE_INFINITY));
    }

    @Test
    void keepsNumbersPandasCannotParseAsText() {
        // pandas' C parser reads 1e309 as the string '1e309' and an integer beyond uint64 as a string too.
        Frame f = csv("a,b,c,d\n1e308,1e309,-0.0,123456789012345678901234567890\n");
        assertThat(dtypes(f)).containsExactly("float64", "object", "float64", "object");
        assertThat(rows(f)).containsExactly(List.of(1e308, "1e309", -0.0, "123456789012345678901234567890"));
    }

    @Test
    void readsIntegersBeyondUint64AsTextAsPandasDoes() {
        assertThat(rows(csv("a\n123456789012345678901234567890\n1.5\n"))).containsExactly(
                List.of("123456789012345678901234567890"), List.of("1.5"));
        assertThat(rows(csv("a\n-9223372036854775809\n"))).containsExactly(List.of("-9223372036854775809"));
    }

    @Test
    void readsIntegersBetweenInt64AndUint64AsFloats() {
        // pandas makes these uint64; Modelport's evaluators take no uint64 input, and the float keeps the magnitude.
        Frame f = csv("a\n9223372036854775808\n1\n");
        assertThat(dtypes(f)).containsExactly("float64");
        assertThat(rows(f)).containsExactly(List.of(9.223372036854775808e18), List.of(1.0));
    }

    @Test
    void readsOverflowingFloatLiteralsAsTextButInfinityWordsAsFloats() {
        assertThat(rows(csv("a\n-1e309\n1.5\n"))).containsExactly(List.of("-1e309"), List.of("1.5"));
        assertThat(rows(csv("a\nINF\n+inf\n-inF\n1e-400\n"))).containsExactly(List.of(Double.POSITIVE_INFINITY),
                List.of(Double.POSITIVE_INFINITY), List.of(Double.NEGATIVE_INFINITY), List.of(0.0));
    }

    @Test
    void castsToTheSignatureTypeWhileReading() {
        Frame f = csv("a\n7\n", "a", Dtype.OBJECT, Dtype.STR);
        assertThat(rows(f)).containsExactly(List.of("7"));
    }

    @Test
    void refusesAFloatInALongColumnInPandasWords() {
        assertRefused(() -> csv("a\n2.5\n", "a", Dtype.INT64, Dtype.INT64))
                .hasMessageEndingWith("cannot safely convert passed user dtype of int64 for float64 dtyped data in column 0'");
    }

    @Test
    void refusesTextInADoubleColumnInPandasWords() {
        assertRefused(() -> csv("a\nx\n", "a", Dtype.FLOAT64, Dtype.FLOAT64)).hasMessageEndingWith("could not convert string to float: 'x''");
    }

    @Test
    void refusesAnUnterminatedQuote() {
        assertRefused(() -> csv("a\n\"abc\n")).hasMessageEndingWith("Error tokenizing data. C error: EOF inside string starting at row 1'");
    }

    @Test
    void refusesBytesThatAreNotUtf8() {
        byte[] body = {'a', '\n', 'x', (byte) 0xff, '\n'};
        assertRefused(() -> CsvCodec.readFrame(body, Optional.empty(), ErrorCode.BAD_REQUEST))
                .hasMessageContaining("'utf-8' codec can't decode byte 0xff in position 3: invalid start byte");
    }
}
