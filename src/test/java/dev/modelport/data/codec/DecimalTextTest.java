package dev.modelport.data.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigInteger;
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
    void seventeenToNineteenDigitsOverTheWholeExponentRangeEqualJavasParsing() {
        Random random = new Random(11);
        for (int n = 0; n < 300_000; n++) {
            StringBuilder text = new StringBuilder(random.nextBoolean() ? "-" : "");
            int digits = 16 + random.nextInt(4);
            text.append((char) ('1' + random.nextInt(9))).append('.');
            for (int d = 1; d < digits; d++) {
                text.append((char) ('0' + random.nextInt(10)));
            }
            text.append('e').append(random.nextInt(640) - 330); // into subnormals and past the largest double
            assertSameAsJava(text.toString());
        }
    }

    @Test
    void pythonReprsOfRandomUnitFloatsEqualJavasParsing() {
        Random random = new Random(3);
        for (int n = 0; n < 200_000; n++) {
            double value = random.nextDouble() * (random.nextBoolean() ? 1 : 1e-3);
            assertSameAsJava(Double.toString(value)); // 16-17 significant digits, mostly past 2^53
            assertSameAsJava(String.format("%.19g", value));
        }
    }

    @Test
    void theFastAlgorithmsDecideSeventeenDigitReprsThemselves() {
        assertThat(DecimalText.of(false, 12345678901234567L, -17)).isEqualTo(0.12345678901234567);
        assertThat(DecimalText.of(true, -1L, 0)).isEqualTo(-18446744073709551615.0); // w is unsigned: 2^64 - 1
        Random random = new Random(5);
        int decided = 0;
        for (int n = 0; n < 10_000; n++) {
            String text = Double.toString(random.nextDouble());
            int e = text.indexOf('E');
            String digits = (e < 0 ? text : text.substring(0, e)).replace(".", "").replaceFirst("^0+", "");
            int q = (e < 0 ? 0 : Integer.parseInt(text.substring(e + 1))) - (e < 0 ? text.length() : e) + text.indexOf('.') + 1;
            double value = DecimalText.of(false, Long.parseLong(digits), q);
            if (!Double.isNaN(value)) {
                decided++;
                assertThat(value).as(text).isEqualTo(Double.parseDouble(text));
            }
        }
        assertThat(decided).isEqualTo(10_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"9007199254740993", "9007199254740993.0", "9007199254740995.0", "2.0000000000000001", "1.00000000000000011102230246251565404",
        "2.2250738585072011e-308", "2.2250738585072014e-308", "4.9406564584124654e-324", "1.7976931348623158e308", "1.7976931348623159e308",
        "18446744073709551615.0", "9999999999999999999.0", "7.2057594037927933e16", "123456789012345678e-40", "1e-342", "1e-343"})
    void hardCasesEqualJavasParsing(String text) {
        assertSameAsJava(text);
    }

    @Test
    void powersOfFiveTableMatchesFastFloats() {
        long[] table = FivePowers.TABLE;
        // the first, 5^0 and the last entries of fast_float's power_of_five_128 (its table_generation.py)
        assertThat(table[0]).isEqualTo(0xeef453d6923bd65aL);
        assertThat(table[1]).isEqualTo(0x113faa2906a13b3fL);
        int zero = 2 * -FivePowers.SMALLEST;
        assertThat(table[zero]).isEqualTo(0x8000000000000000L);
        assertThat(table[zero + 1]).isZero();
        assertThat(table[table.length - 2]).isEqualTo(0x8e679c2f5e44ff8fL);
        assertThat(table[table.length - 1]).isEqualTo(0x570f09eaa7ea7648L);
    }

    @Test
    void everyPowerOfFiveIsTheTruncationTableGenerationPyComputes() {
        BigInteger five = BigInteger.valueOf(5);
        assertThat(FivePowers.TABLE).hasSize(2 * (FivePowers.LARGEST - FivePowers.SMALLEST + 1));
        for (int q = FivePowers.SMALLEST; q <= FivePowers.LARGEST; q++) {
            BigInteger power = five.pow(Math.abs(q));
            BigInteger c;
            if (q >= 0) {
                int shift = power.bitLength() - 128;
                c = shift > 0 ? power.shiftRight(shift) : power.shiftLeft(-shift);
            } else {
                int z = power.bitLength(); // 5^-q is never a power of two: the least z with 2^z >= it
                c = BigInteger.ONE.shiftLeft(q >= -27 ? z + 127 : 2 * z + 128).divide(power).add(BigInteger.ONE);
                if (c.bitLength() > 128) {
                    c = c.shiftRight(c.bitLength() - 128);
                }
            }
            int at = 2 * (q - FivePowers.SMALLEST);
            assertThat(FivePowers.TABLE[at]).as("high word of 5^%d", q).isEqualTo(c.shiftRight(64).longValue());
            assertThat(FivePowers.TABLE[at + 1]).as("low word of 5^%d", q).isEqualTo(c.longValue());
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
