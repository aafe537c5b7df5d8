package dev.modelport.data.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one Jackson factory of the codecs (immutable, thread-safe) and generic JSON value reading. */
public final class Json {
    /** Deepest JSON nesting accepted; deeper documents are refused with a 400 instead of risking the stack. */
    static final int MAX_DEPTH = 200;

    public static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // Python's json reads NaN, Infinity, -Infinity
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS) // and writes them as bare tokens
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER) // correctly rounded like Double.parseDouble, several times faster
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();

    /** Python's {@code json.dumps} separators, {@code ", "} and {@code ": "}, so answers match MLflow's byte for byte. */
    private static final MinimalPrettyPrinter PYTHON_SEPARATORS = new MinimalPrettyPrinter() {
        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }
    };

    private static final CharacterEscapes PYTHON_ESCAPES = new PythonAsciiEscapes();

    private Json() {
    }

    /**
     * The escapes of Python's {@code json.dumps} with {@code ensure_ascii=True}: backslash escapes
     * for the quote, the backslash and the five controls that have one, and a 4-digit lower-case
     * hex escape for every other character outside printable ASCII (controls, DEL, and each UTF-16
     * unit of the rest). Jackson's own non-ASCII escaping writes upper-case hex and leaves DEL as it is.
     */
    private static final class PythonAsciiEscapes extends CharacterEscapes {
        private final int[] ascii = standardAsciiEscapesForJSON();

        PythonAsciiEscapes() {
            for (int c = 0; c < 0x20; c++) {
                if (ascii[c] == ESCAPE_STANDARD) { // the controls without a short escape
                    ascii[c] = ESCAPE_CUSTOM;
                }
            }
            ascii[0x7F] = ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch < 0x20 || ch >= 0x7F ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }

    /** A generator writing JSON as Python's {@code json.dumps} does with its default separators and escapes. */
    public static JsonGenerator pythonStyleGenerator(OutputStream out) throws IOException {
        return FACTORY.createGenerator(out).setPrettyPrinter(PYTHON_SEPARATORS).setCharacterEscapes(PYTHON_ESCAPES);
    }

    /**
     * Reads the value at the current token as plain Java values: Map (insertion order, a repeated
     * key keeps its last value, as Python's json does), List, String, Long, BigInteger, Double,
     * Boolean or null.
     */
    public static Object readValue(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    map.put(name, readValue(p));
                }
                return map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(readValue(p));
                }
                return list;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT -> {
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? (Object) p.getBigIntegerValue() : (Object) p.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return doubleValue(p);
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IOException("unexpected JSON token " + t);
        }
    }

    /** The float token's double, as {@code p.getDoubleValue()} but parsed straight from the token's text. */
    static double doubleValue(JsonParser p) throws IOException {
        return DecimalText.parse(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
    }

    /** True when an integer token does not fit a long (Python keeps it exact; we treat it as a float). */
    static boolean isBig(JsonParser p) throws IOException {
        return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER;
    }

    static BigInteger bigValue(JsonParser p) throws IOException {
        return p.getBigIntegerValue();
    }
}
