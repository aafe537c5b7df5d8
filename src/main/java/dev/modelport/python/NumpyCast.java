package dev.modelport.python;

import dev.modelport.data.BooleanColumn;
import dev.modelport.data.Column;
import dev.modelport.data.DoubleColumn;
import dev.modelport.data.Dtype;
import dev.modelport.data.LongColumn;
import dev.modelport.data.ObjectColumn;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;

/**
 * Dtype conversions with the semantics MLflow relies on: pandas' {@code Series.astype(dtype)}
 * for DataFrame columns and {@code np.array(values, dtype)} for TF-serving arrays. Python's
 * rules for single values apply: {@code float("1.5")}, {@code int(2.5) == 2}, truthiness for
 * bool, {@code str(7) == "7"}.
 */
public final class NumpyCast {
    private NumpyCast() {
    }

    /**
     * pandas' {@code astype(target)} for callers outside the codecs (schema enforcement).
     *
     * @throws IllegalArgumentException with Python's error text when a value cannot be converted
     */
    public static Column cast(Column column, Dtype target) {
        try {
            return astype(column, target, false);
        } catch (CastFailure e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /** An integer column of {@code target}, each value narrowed as numpy's C cast does (the low bits, wrapping around). */
    public static LongColumn integers(long[] values, Dtype target) {
        for (int i = 0; i < values.length; i++) {
            long v = values[i];
            values[i] = switch (target) {
                case INT8 -> (byte) v;
                case INT16 -> (short) v;
                case INT32 -> (int) v;
                case UINT8 -> v & 0xFFL;
                case UINT16 -> v & 0xFFFFL;
                case UINT32 -> v & 0xFFFF_FFFFL;
                default -> v;
            };
        }
        return new LongColumn(values, target);
    }

    /** pandas' {@code column.astype(target)}; {@code base64} decodes strings into bytes (MLflow's binary columns). */
    public static Column astype(Column column, Dtype target, boolean base64) {
        if (column.dtype() == target && !base64) {
            return column;
        }
        int n = column.size();
        if (target.isFloating()) {
            double[] out = new double[n];
            switch (column) {
                case DoubleColumn d -> System.arraycopy(d.values(), 0, out, 0, n);
                case LongColumn l -> {
                    for (int i = 0; i < n; i++) {
                        out[i] = l.values()[i];
                    }
                }
                case BooleanColumn b -> {
                    for (int i = 0; i < n; i++) {
                        out[i] = b.values()[i] ? 1 : 0;
                    }
                }
                case ObjectColumn o -> {
                    for (int i = 0; i < n; i++) {
                        out[i] = toDouble(o.values()[i]);
                    }
                }
            }
            return new DoubleColumn(target == Dtype.FLOAT32 ? roundToFloat(out) : out, target);
        }
        if (target.isInteger() || target == Dtype.DATETIME64) {
            long[] out = new long[n];
            switch (column) {
                case DoubleColumn d -> {
                    for (int i = 0; i < n; i++) {
                        double v = d.values()[i];
                        if (Double.isNaN(v) || Double.isInfinite(v)) {
                            throw new CastFailure("IntCastingNaNError", "Cannot convert non-finite values (NA or inf) to integer");
                        }
                        out[i] = (long) v;
                    }
                }
                case LongColumn l -> System.arraycopy(l.values(), 0, out, 0, n);
                case BooleanColumn b -> {
                    for (int i = 0; i < n; i++) {
                        out[i] = b.values()[i] ? 1 : 0;
                    }
                }
                case ObjectColumn o -> {
                    for (int i = 0; i < n; i++) {
                        out[i] = target == Dtype.DATETIME64 ? toEpochNanos(o.values()[i]) : toLong(o.values()[i]);
                    }
                }
            }
            return integers(out, target);
        }
        if (target == Dtype.BOOL) {
            boolean[] out = new boolean[n];
            for (int i = 0; i < n; i++) {
                out[i] = switch (column) {
                    case DoubleColumn d -> d.values()[i] != 0; // NaN is truthy
                    case LongColumn l -> l.values()[i] != 0;
                    case BooleanColumn b -> b.values()[i];
                    case ObjectColumn o -> truthy(o.values()[i]);
                };
            }
            return new BooleanColumn(out);
        }
        Object[] out = new Object[n];
        for (int i = 0; i < n; i++) {
            Object v = column.get(i);
            out[i] = switch (target) {
                case STR -> PythonRepr.str(v instanceof Double d && d.isNaN() ? Double.NaN : v);
                case BYTES -> toBytes(v, base64);
                default -> v;
            };
        }
        return new ObjectColumn(out, target == Dtype.STR || target == Dtype.BYTES ? target : Dtype.OBJECT);
    }

    public static double toDouble(Object v) {
        return switch (v) {
            case null -> Double.NaN;
            case Double d -> d;
            case Long l -> l;
            case Integer i -> i;
            case Float f -> f;
            case BigInteger b -> b.doubleValue();
            case Boolean b -> b ? 1 : 0;
            case String s -> parseFloat(s);
            default -> throw new CastFailure("TypeError", "float() argument must be a string or a real number, not '" + PythonRepr.typeName(v) + "'");
        };
    }

    public static long toLong(Object v) {
        return switch (v) {
            case null -> throw new CastFailure("TypeError", "int() argument must be a string, a bytes-like object or a real number, not 'NoneType'");
            case Long l -> l;
            case Integer i -> i;
            case BigInteger b -> b.longValue();
            case Boolean b -> b ? 1 : 0;
            case Double d -> {
                if (d.isNaN()) {
                    throw new CastFailure("ValueError", "cannot convert float NaN to integer");
                }
                if (d.isInfinite()) {
                    throw new CastFailure("OverflowError", "cannot convert float infinity to integer");
                }
                yield d.longValue();
            }
            case String s -> parseInt(s);
            default -> throw new CastFailure("TypeError", "int() argument must be a string, a bytes-like object or a real number, not '" + PythonRepr.typeName(v) + "'");
        };
    }

    /** Python's truthiness. */
    public static boolean truthy(Object v) {
        return switch (v) {
            case null -> false;
            case Boolean b -> b;
            case Long l -> l != 0;
            case Double d -> d != 0; // NaN is truthy
            case String s -> !s.isEmpty();
            case Collection<?> c -> !c.isEmpty();
            case Map<?, ?> m -> !m.isEmpty();
            default -> true;
        };
    }

    /** Python's {@code float(str)}: surrounding whitespace, underscores between digits, inf/nan words. */
    public static double parseFloat(String text) {
        String s = text.strip();
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        String unsigned = lower.startsWith("-") || lower.startsWith("+") ? lower.substring(1) : lower;
        if (unsigned.equals("inf") || unsigned.equals("infinity")) {
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (unsigned.equals("nan")) {
            return Double.NaN;
        }
        if (!isDecimalLiteral(s)) {
            throw new CastFailure("ValueError", "could not convert string to float: " + PythonRepr.quote(text));
        }
        return Double.parseDouble(s.replace("_", ""));
    }

    /** Python's {@code int(str)} in base 10. */
    public static long parseInt(String text) {
        String s = text.strip();
        int start = s.startsWith("-") || s.startsWith("+") ? 1 : 0;
        boolean ok = s.length() > start;
        for (int i = start; i < s.length() && ok; i++) {
            char c = s.charAt(i);
            ok = c >= '0' && c <= '9' || c == '_' && i > start && i < s.length() - 1 && isDigit(s.charAt(i - 1)) && isDigit(s.charAt(i + 1));
        }
        if (!ok) {
            throw new CastFailure("ValueError", "invalid literal for int() with base 10: " + PythonRepr.quote(text));
        }
        try {
            return Long.parseLong(s.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new CastFailure("OverflowError", "Python int too large to convert to C long");
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** digits[.digits][e[+-]digits], with an optional sign and single underscores between digits. */
    private static boolean isDecimalLiteral(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && (isDigit(s.charAt(i)) || s.charAt(i) == '_' && digits > 0 && i + 1 < n && isDigit(s.charAt(i + 1)))) {
            digits += isDigit(s.charAt(i)) ? 1 : 0;
            i++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                digits++;
                i++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exp = 0;
            while (i < n && isDigit(s.charAt(i))) {
                exp++;
                i++;
            }
            if (exp == 0) {
                return false;
            }
        }
        return i == n;
    }

    public static double[] roundToFloat(double[] values) {
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) values[i];
        }
        return values;
    }

    private static Object toBytes(Object v, boolean base64) {
        if (v instanceof byte[] b) {
            return b;
        }
        if (v instanceof String s) {
            if (!base64) {
                return s.getBytes(StandardCharsets.UTF_8);
            }
            try {
                return Base64.getMimeDecoder().decode(s);
            } catch (IllegalArgumentException e) {
                throw new CastFailure("Error", "Incorrect padding");
            }
        }
        throw new CastFailure("TypeError", "a bytes-like object is required, not '" + PythonRepr.typeName(v) + "'");
    }

    public static long toEpochNanos(Object v) {
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof String s) {
            try {
                LocalDateTime t = s.length() <= 10 ? LocalDate.parse(s).atStartOfDay() : LocalDateTime.parse(s.replace(' ', 'T'));
                return t.toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L + t.getNano();
            } catch (DateTimeParseException e) {
                throw new CastFailure("ValueError", "Unknown string format: " + s);
            }
        }
        throw new CastFailure("TypeError", "Cannot convert " + PythonRepr.typeName(v) + " to datetime64[ns]");
    }
}
