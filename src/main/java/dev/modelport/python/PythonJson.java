package dev.modelport.python;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JSON text exactly as Python's {@code json.dumps} writes it with its defaults, which is how MLflow
 * writes signature strings and {@code input_example.json}: {@code ", "} and {@code ": "} separators,
 * non-ASCII escaped as {@code \\uXXXX}, floats in Python's shortest {@code repr} ({@code 1e-05},
 * {@code 0.5}, {@code 3.0}). Values are plain Java values: null, Boolean, Number, String,
 * {@link ByteBuffer} (binary, written base64 as MLflow's {@code NumpyEncoder} does), List, Map
 * (insertion order kept) and Optional.
 */
public final class PythonJson {
    private final StringBuilder out = new StringBuilder();
    private final boolean nanAsNull;

    private PythonJson(boolean nanAsNull) {
        this.nanAsNull = nanAsNull;
    }

    /** {@code json.dumps(value)}. */
    public static String dumps(Object value) {
        PythonJson json = new PythonJson(false);
        json.write(value);
        return json.out.toString();
    }

    /** Like {@link #dumps}, but NaN becomes {@code null}, as MLflow does for example data. */
    public static String dumpsData(Object value) {
        PythonJson json = new PythonJson(true);
        json.write(value);
        return json.out.toString();
    }

    private void write(Object value) {
        switch (value) {
            case null -> out.append("null");
            case Optional<?> optional -> write(optional.orElse(null));
            case Boolean b -> out.append(b ? "true" : "false");
            case Double d -> writeDouble(d);
            case Float f -> writeDouble(f.doubleValue());
            case BigDecimal d -> writeDouble(d.doubleValue());
            case Long l -> out.append(l.longValue());
            case Integer i -> out.append(i.intValue());
            case Short s -> out.append(s.shortValue());
            case Byte b -> out.append(b.byteValue());
            case BigInteger i -> out.append(i);
            case Number n -> writeDouble(n.doubleValue());
            case CharSequence s -> writeString(s.toString());
            case ByteBuffer bytes -> writeString(encodeBinary(bytes));
            case byte[] bytes -> writeString(encodeBinary(ByteBuffer.wrap(bytes)));
            case Map<?, ?> map -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!first) {
                        out.append(", ");
                    }
                    first = false;
                    writeString(String.valueOf(e.getKey()));
                    out.append(": ");
                    write(e.getValue());
                }
                out.append('}');
            }
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(", ");
                    }
                    write(list.get(i));
                }
                out.append(']');
            }
            default -> throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    /**
     * Binary as MLflow's {@code NumpyEncoder} writes it: {@code base64.encodebytes}, i.e. MIME
     * base64 in lines of 76 characters, each ending with a newline.
     */
    public static String encodeBinary(ByteBuffer bytes) {
        ByteBuffer copy = bytes.duplicate();
        byte[] raw = new byte[copy.remaining()];
        copy.get(raw);
        String plain = Base64.getEncoder().encodeToString(raw);
        StringBuilder lines = new StringBuilder(plain.length() + plain.length() / 76 + 1);
        for (int i = 0; i < plain.length(); i += 76) {
            lines.append(plain, i, Math.min(plain.length(), i + 76)).append('\n');
        }
        return lines.toString();
    }

    private void writeDouble(double d) {
        if (Double.isNaN(d)) {
            out.append(nanAsNull ? "null" : "NaN");
        } else if (Double.isInfinite(d)) {
            out.append(d > 0 ? "Infinity" : "-Infinity");
        } else {
            PythonRepr.appendFloatRepr(d, out);
        }
    }

    private void writeString(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
