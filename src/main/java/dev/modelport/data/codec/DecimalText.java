package dev.modelport.data.codec;

import com.fasterxml.jackson.core.io.NumberInput;

/**
 * JSON decimal text to the nearest double, the same double as {@link Double#parseDouble}, without
 * the general parsers for the numbers requests carry. The digits (up to 19 significant) and the
 * decimal exponent give {@code w × 10^q} exactly; then
 * <ul>
 * <li>{@code w ≤ 2^53} and {@code |q| ≤ 22} ({@code 5.1}, {@code -0.25}, {@code 1.5e3}): both are
 * exact doubles, so one IEEE multiplication or division rounds correctly (Clinger's fast path);
 * <li>otherwise (the 17-digit reprs of random floats) Eisel and Lemire's algorithm: {@code w} times
 * a 128-bit truncation of {@code 5^q} ({@link FivePowers}) decides the rounding, as fast_float does;
 * <li>anything else (more digits, subnormals, {@code NaN}, {@code Infinity}) goes to Jackson's
 * FastDoubleParser or the JDK.
 * </ul>
 * Half of a big request's decoding went to Jackson's general number path before.
 */
final class DecimalText {
    /** Significant digits that fit an unsigned long. */
    static final int MAX_DIGITS = 19;
    /** Returned by {@link #of} when the fast algorithms cannot decide; never a parsed value. */
    static final double UNDECIDED = Double.NaN;
    private static final long TWO_TO_53 = 1L << 53;
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
        double value = of(negative, digits, exponent - fractionDigits);
        return Double.isNaN(value) ? slow(text, offset, length) : value;
    }

    /**
     * The double nearest to {@code ±w × 10^q}, {@code w} an unsigned decimal significand of at most
     * {@link #MAX_DIGITS} digits; {@link #UNDECIDED} when it takes the general parsers.
     */
    static double of(boolean negative, long w, int q) {
        double value;
        if (w == 0) {
            value = 0;
        } else if (w > 0 && w <= TWO_TO_53 && q >= -22 && q <= 22) {
            value = q >= 0 ? w * POWERS_OF_TEN[q] : w / POWERS_OF_TEN[-q];
        } else {
            value = eiselLemire(w, q);
        }
        return negative ? -value : value;
    }

    /** fast_float's {@code compute_float} for binary64; subnormals and the rare undecidable products are left to the general parsers. */
    private static double eiselLemire(long w, int q) {
        if (q < FivePowers.SMALLEST || q > FivePowers.LARGEST) {
            return UNDECIDED;
        }
        int lz = Long.numberOfLeadingZeros(w);
        w <<= lz;
        int index = 2 * (q - FivePowers.SMALLEST);
        long high = Math.unsignedMultiplyHigh(w, FivePowers.TABLE[index]);
        long low = w * FivePowers.TABLE[index];
        long precisionMask = -1L >>> 55; // 52 explicit mantissa bits + 3
        if ((high & precisionMask) == precisionMask) {
            long secondHigh = Math.unsignedMultiplyHigh(w, FivePowers.TABLE[index + 1]);
            low += secondHigh;
            if (Long.compareUnsigned(secondHigh, low) > 0) {
                high++;
            }
        }
        if (low == -1L && (q < -27 || q > 55)) {
            return UNDECIDED;
        }
        int upperBit = (int) (high >>> 63);
        int shift = upperBit + 9;
        long mantissa = high >>> shift;
        int power2 = (((152170 + 65536) * q) >> 16) + 63 + upperBit - lz + 1023;
        if (power2 <= 0) {
            return UNDECIDED;
        }
        if (Long.compareUnsigned(low, 1) <= 0 && q >= -4 && q <= 23 && (mantissa & 3) == 1 && (mantissa << shift) == high) {
            mantissa &= ~1L; // exactly halfway: round to even
        }
        mantissa += mantissa & 1;
        mantissa >>>= 1;
        if (mantissa >= (2L << 52)) {
            mantissa = 1L << 52;
            power2++;
        }
        mantissa &= ~(1L << 52);
        if (power2 >= 0x7FF) {
            return Double.POSITIVE_INFINITY;
        }
        return Double.longBitsToDouble(mantissa | ((long) power2 << 52));
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
