package dev.modelport.data.codec;

import com.fasterxml.jackson.core.io.NumberInput;

/**
 * A JSON float token's text to the nearest double, fast for the short decimals requests carry
 * ({@code 5.1}, {@code -0.25}, {@code 1.5e3}). With at most 15 significant digits and a decimal
 * exponent within ±22, both the digits and the power of ten are exact doubles, so one IEEE
 * multiplication or division rounds correctly (Clinger's fast path): the same double as
 * {@link Double#parseDouble}. Longer numbers (17-digit reprs of random floats) go to Jackson's
 * FastDoubleParser, words ({@code NaN}, {@code Infinity}) to the JDK. Half of a big request's
 * decoding went to Jackson's general number path before.
 */
final class DecimalText {
    private static final int MAX_DIGITS = 15;
    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    private DecimalText() {
    }

    static double parse(char[] text, int offset, int length) {
        int i = offset;
        int end = offset + length;
        boolean negative = i < end && text[i] == '-';
        if (negative) {
            i++;
        }
        long digits = 0;
        int significant = 0;
        int fractionDigits = 0;
        boolean seenPoint = false;
        boolean any = false;
        for (; i < end; i++) {
            char c = text[i];
            if (c >= '0' && c <= '9') {
                any = true;
                if (digits != 0 || c != '0') {
                    if (++significant > MAX_DIGITS) {
                        return slow(text, offset, length);
                    }
                    digits = digits * 10 + (c - '0');
                }
                if (seenPoint) {
                    fractionDigits++;
                }
            } else if (c == '.' && !seenPoint) {
                seenPoint = true;
            } else {
                break;
            }
        }
        int exponent = 0;
        if (i < end) {
            if (!any || (text[i] != 'e' && text[i] != 'E') || ++i == end) {
                return slow(text, offset, length);
            }
            boolean negativeExponent = text[i] == '-';
            if (negativeExponent || text[i] == '+') {
                i++;
            }
            int exponentStart = i;
            for (; i < end && text[i] >= '0' && text[i] <= '9' && exponent < 1000; i++) {
                exponent = exponent * 10 + (text[i] - '0');
            }
            if (i != end || i == exponentStart) {
                return slow(text, offset, length);
            }
            exponent = negativeExponent ? -exponent : exponent;
        }
        if (!any) {
            return slow(text, offset, length);
        }
        int power = exponent - fractionDigits;
        double value;
        if (digits == 0 || power == 0) {
            value = digits;
        } else if (power > 0 && power < POWERS_OF_TEN.length) {
            value = digits * POWERS_OF_TEN[power];
        } else if (power < 0 && -power < POWERS_OF_TEN.length) {
            value = digits / POWERS_OF_TEN[-power];
        } else {
            return slow(text, offset, length);
        }
        return negative ? -value : value;
    }

    /** Long digit strings go to Jackson's FastDoubleParser (correctly rounded, several times faster than the JDK's); words to the JDK. */
    private static double slow(char[] text, int offset, int length) {
        int first = length > 1 && (text[offset] == '-' || text[offset] == '+') ? offset + 1 : offset;
        if (length > 0 && text[first] >= '0' && text[first] <= '9') {
            return NumberInput.parseDouble(text, offset, length, true);
        }
        return Double.parseDouble(new String(text, offset, length));
    }
}
