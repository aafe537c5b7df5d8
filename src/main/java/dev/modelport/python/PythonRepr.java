package dev.modelport.python;

import dev.modelport.data.Frame;
import dev.modelport.data.Input;
import dev.modelport.data.Tensor;
import dev.modelport.data.TensorMap;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * How Python writes values, for MLflow-shaped messages and JSON numbers: {@code repr(float)}
 * ({@code 1e-05}, {@code 1e+16}, {@code 10000000.0}), {@code repr(str)} with Python's quote
 * choice, and the type names Python reports ({@code int}, {@code str}, {@code list}, ...).
 * Values are the plain Java values JSON decoding yields, and inputs as MLflow's messages describe them.
 */
public final class PythonRepr {
    /** Names or values an error message quotes at most. */
    static final int MESSAGE_ITEMS = 100;
    /** Characters of one name or value an error message quotes at most. */
    static final int MESSAGE_ITEM_CHARS = 200;

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
        StringBuilder out = new StringBuilder(32);
        appendFloatRepr(d, out);
        return out.toString();
    }

    /**
     * Appends Python's {@code repr} of the finite {@code d} to {@code out}, allocating nothing: the JDK
     * appends a double's shortest digits to a builder in place (the same digits Python's repr chooses),
     * and Java's scientific form is rewritten to Python's, which keeps plain notation for
     * {@code 1e-4 <= |d| < 1e16} where Java keeps it for {@code 1e-3 <= |d| < 1e7}.
     */
    public static void appendFloatRepr(double d, StringBuilder out) {
        int start = out.length();
        out.append(d);
        int end = out.length();
        int e = out.indexOf("E", start);
        if (e < 0) {
            return; // plain notation, written as Python writes it
        }
        // Java's scientific form is [-]D.F...E[-]X: one nonzero digit, a fraction ("0" when there is none)
        boolean negative = out.charAt(start) == '-';
        int lead = negative ? start + 1 : start;
        int fraction = lead + 2;
        int fractionEnd = e;
        while (fractionEnd > fraction && out.charAt(fractionEnd - 1) == '0') {
            fractionEnd--;
        }
        int exp10 = Integer.parseInt(out, e + 1, end, 10);
        if (fractionEnd - fraction == 1 && Math.abs(d) < Double.MIN_NORMAL) {
            // Java writes two digits where one would do but two are closer (4.9E-324); Python the shortest (5e-324)
            int digit = oneDigit(Math.abs(d), out.charAt(lead) - '0', exp10);
            if (digit >= 0) {
                out.setCharAt(lead, digit == 10 ? '1' : (char) ('0' + digit));
                exp10 += digit == 10 ? 1 : 0;
                fractionEnd = fraction;
            }
        }
        if (negative) {
            out.append('-');
        }
        if (exp10 < -4 || exp10 >= 16) {
            out.append(out.charAt(lead));
            if (fractionEnd > fraction) {
                out.append('.');
                appendRange(out, fraction, fractionEnd);
            }
            out.append('e').append(exp10 < 0 ? '-' : '+');
            int abs = Math.abs(exp10);
            if (abs < 10) {
                out.append('0');
            }
            out.append(abs);
        } else if (exp10 < 0) {
            out.append("0.");
            for (int i = exp10 + 1; i < 0; i++) {
                out.append('0');
            }
            out.append(out.charAt(lead));
            appendRange(out, fraction, fractionEnd);
        } else {
            // exp10 fraction digits go before the point, zeros fill in where there are fewer
            out.append(out.charAt(lead));
            int fractionDigits = fractionEnd - fraction;
            int beforePoint = Math.min(exp10, fractionDigits);
            appendRange(out, fraction, fraction + beforePoint);
            for (int i = fractionDigits; i < exp10; i++) {
                out.append('0');
            }
            out.append('.');
            if (fractionDigits > exp10) {
                appendRange(out, fraction + exp10, fractionEnd);
            } else {
                out.append('0');
            }
        }
        out.delete(start, end);
    }

    /** The one digit c (10 for the next power) whose {@code c * 10^exp10} reads back as x, the closest of two; -1 when neither does. */
    private static int oneDigit(double x, int below, int exp10) {
        BigDecimal exact = new BigDecimal(x);
        int best = -1;
        BigDecimal bestDistance = null;
        for (int c = below; c <= below + 1; c++) {
            BigDecimal candidate = BigDecimal.valueOf(c).scaleByPowerOfTen(exp10);
            BigDecimal distance = candidate.subtract(exact).abs();
            if (candidate.doubleValue() == x && (bestDistance == null || distance.compareTo(bestDistance) < 0)) {
                best = c;
                bestDistance = distance;
            }
        }
        return best;
    }

    private static void appendRange(StringBuilder out, int from, int to) {
        for (int i = from; i < to; i++) {
            out.append(out.charAt(i));
        }
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

    /**
     * A Python list of strings as an error message prints it: {@code ['a', "it's"]}. The request decides
     * what these lists hold, so a message quotes at most {@link #MESSAGE_ITEMS} of them and each up to
     * {@link #MESSAGE_ITEM_CHARS} characters, cut with {@code …} (an error answer stays small whatever the input).
     */
    public static String list(List<String> items) {
        return quoted(items, '[', ']');
    }

    /** A Python set of strings as an error message prints it: {@code {'a', 'b'}} (in the set's iteration order), cut as {@link #list}. */
    public static String set(Collection<String> items) {
        return quoted(items, '{', '}');
    }

    private static String quoted(Collection<String> items, char open, char close) {
        StringBuilder out = new StringBuilder().append(open);
        int n = 0;
        for (String item : items) {
            if (n > 0) {
                out.append(", ");
            }
            if (n++ == MESSAGE_ITEMS) {
                out.append('…');
                break;
            }
            out.append(quote(cut(item, MESSAGE_ITEM_CHARS)));
        }
        return out.append(close).toString();
    }

    /** {@code text} up to {@code max} characters, followed by {@code …} when it was longer (never splitting a surrogate pair). */
    public static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end) + "…";
    }

    /** A short description of an input for error messages, where MLflow prints the pandas/numpy repr. */
    public static String describe(Input input) {
        return switch (input) {
            case Frame f -> "DataFrame with " + f.rows() + (f.rows() == 1 ? " row" : " rows") + " and columns " + list(f.names());
            case Tensor t -> "ndarray of " + t.dtype() + " with shape " + tuple(t.shape());
            case TensorMap m -> "dict of arrays " + list(new ArrayList<>(m.tensors().keySet()));
        };
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
