package dev.modelport.data.codec;

import java.math.BigInteger;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * How Python writes values, for MLflow-shaped messages and JSON numbers: {@code repr(float)}
 * ({@code 1e-05}, {@code 1e+16}, {@code 10000000.0}), {@code repr(str)} with Python's quote
 * choice, and the type names Python reports ({@code int}, {@code str}, {@code list}, ...).
 * Values are the plain Java values JSON decoding yields.
 */
public final class PythonRepr {
    private PythonRepr() {
    }

    /** Python's {@code repr(float)}; NaN and infinities as Python's {@code json} writes them. */
    public static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        String java = Double.toString(d);
        int e = java.indexOf('E');
        if (e < 0) {
            return java; // Java writes 1e-3 <= |d| < 1e7 in plain notation, exactly as Python does
        }
        boolean negative = java.charAt(0) == '-';
        String mantissa = java.substring(negative ? 1 : 0, e);
        int exponent = Integer.parseInt(java.substring(e + 1));
        int dot = mantissa.indexOf('.');
        String digits = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
        int point = dot + exponent; // digits[0 .. point) are the integer part
        int lead = 0;
        while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
            lead++;
        }
        digits = digits.substring(lead);
        point -= lead;
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        digits = digits.substring(0, end);
        int exp10 = point - 1;
        StringBuilder out = new StringBuilder(24);
        if (negative) {
            out.append('-');
        }
        if (exp10 >= -4 && exp10 < 16) {
            if (point <= 0) {
                out.append("0.");
                out.append("0".repeat(-point)).append(digits);
            } else if (point >= digits.length()) {
                out.append(digits).append("0".repeat(point - digits.length())).append(".0");
            } else {
                out.append(digits, 0, point).append('.').append(digits, point, digits.length());
            }
        } else {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            out.append('e').append(exp10 < 0 ? '-' : '+');
            int abs = Math.abs(exp10);
            if (abs < 10) {
                out.append('0');
            }
            out.append(abs);
        }
        return out.toString();
    }

    /** A Python tuple of ints as numpy prints a shape: {@code (3,)}, {@code (3, 2)}, {@code ()}. */
    public static String tuple(int[] dims) {
        if (dims.length == 1) {
            return "(" + dims[0] + ",)";
        }
        StringBuilder out = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            out.append(i > 0 ? ", " : "").append(dims[i]);
        }
        return out.append(')').toString();
    }

    /** Python's {@code repr(value)} of a JSON-decoded value. */
    public static String repr(Object value) {
        StringBuilder out = new StringBuilder();
        appendRepr(out, value);
        return out.toString();
    }

    /** Python's {@code str(value)}: strings unquoted, everything else as {@link #repr}. */
    public static String str(Object value) {
        return value instanceof String s ? s : repr(value);
    }

    /** Python's {@code repr(str)}: single quotes unless the text holds a single quote and no double one. */
    public static String quote(String s) {
        char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder(s.length() + 2).append(q);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c == q) {
                        out.append('\\');
                    }
                    out.append(c);
                }
            }
        }
        return out.append(q).toString();
    }

    /** The Python type name of a JSON-decoded value: {@code int}, {@code float}, {@code str}, {@code bool}, {@code list}, {@code dict}, {@code NoneType}. */
    public static String typeName(Object value) {
        if (value == null) {
            return "NoneType";
        }
        return switch (value) {
            case Boolean b -> "bool";
            case Long l -> "int";
            case Integer i -> "int";
            case BigInteger b -> "int";
            case Double d -> "float";
            case Float f -> "float";
            case String s -> "str";
            case List<?> l -> "list";
            case Map<?, ?> m -> "dict";
            case byte[] b -> "bytes";
            default -> value.getClass().getSimpleName();
        };
    }

    private static void appendRepr(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("None");
            case Boolean b -> out.append(b ? "True" : "False");
            case Double d -> out.append(Double.isNaN(d) ? "nan" : Double.isInfinite(d) ? (d > 0 ? "inf" : "-inf") : floatRepr(d));
            case Float f -> appendRepr(out, (double) f);
            case String s -> out.append(quote(s));
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(", ");
                    }
                    appendRepr(out, list.get(i));
                }
                out.append(']');
            }
            case Map<?, ?> map -> {
                out.append('{');
                Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
                while (it.hasNext()) {
                    Map.Entry<?, ?> e = it.next();
                    appendRepr(out, e.getKey());
                    out.append(": ");
                    appendRepr(out, e.getValue());
                    if (it.hasNext()) {
                        out.append(", ");
                    }
                }
                out.append('}');
            }
            default -> out.append(value);
        }
    }
}
