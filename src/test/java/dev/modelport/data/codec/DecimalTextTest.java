package dev.modelport.data.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DecimalTextTest {

    private static double parse(String text) {
        return DecimalText.parse(text.toCharArray(), 0, text.length());
    }

    private static void assertSameAsJava(String text) {
        assertThat(Double.doubleToRawLongBits(parse(text))).as(text).isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5.1", "-0.25", "0.0", "-0.0", "1.5e3", "1.5E-3", "2e+2", "123456789012345.0", "0.000123456789012345",
        "1234567890123456.7", "9007199254740993.0", "1e22", "1e23", "1e-22", "1e-23", "4.9e-324", "1.7976931348623157e308", "1e309",
        "NaN", "Infinity", "-Infinity", "0.1", "0.30000000000000004", "3.141592653589793", "100.", "1e0001"})
    void equalsJavasParsing(String text) {
        assertSameAsJava(text);
    }

    @Test
    void randomDecimalsOfEveryLengthAndExponentEqualJavasParsing() {
        Random random = new Random(42);
        for (int n = 0; n < 200_000; n++) {
            StringBuilder text = new StringBuilder();
            if (random.nextBoolean()) {
                text.append('-');
            }
            int intDigits = 1 + random.nextInt(10);
            for (int d = 0; d < intDigits; d++) {
                text.append(d == 0 && intDigits > 1 ? (char) ('1' + random.nextInt(9)) : (char) ('0' + random.nextInt(10)));
            }
            text.append('.');
            int fraction = 1 + random.nextInt(12);
            for (int d = 0; d < fraction; d++) {
                text.append((char) ('0' + random.nextInt(10)));
            }
            if (random.nextInt(4) == 0) {
                text.append(random.nextBoolean() ? 'e' : 'E').append(random.nextBoolean() ? "-" : "").append(random.nextInt(40));
            }
            assertSameAsJava(text.toString());
        }
    }

    @Test
    void javasShortestReprOfRandomDoublesRoundTrips() {
        Random random = new Random(7);
        for (int n = 0; n < 100_000; n++) {
            double value = random.nextInt(3) == 0 ? Double.longBitsToDouble(random.nextLong()) : random.nextGaussian() * Math.pow(10, random.nextInt(12) - 6);
            String text = Double.toString(value);
            assertSameAsJava(text);
        }
    }

    @Test
    void readsJacksonFloatTokensInPlace() throws IOException {
        try (JsonParser p = Json.FACTORY.createParser("[5.1, -2.5e-3, NaN, -Infinity, 1.0000000000000002]")) {
            p.nextToken();
            double[] expected = {5.1, -2.5e-3, Double.NaN, Double.NEGATIVE_INFINITY, 1.0000000000000002};
            for (double value : expected) {
                assertThat(p.nextToken()).isEqualTo(JsonToken.VALUE_NUMBER_FLOAT);
                assertThat(Double.valueOf(Json.doubleValue(p))).isEqualTo(Double.valueOf(value));
            }
        }
    }
}
