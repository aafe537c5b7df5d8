package dev.modelport.data.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.OutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one Jackson factory of the codecs (immutable, thread-safe) and generic JSON value reading. */
final class Json {
    /** Deepest JSON nesting accepted; deeper documents are refused with a 400 instead of risking the stack. */
    static final int MAX_DEPTH = 200;

    static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // Python's json reads NaN, Infinity, -Infinity
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS) // and writes them as bare tokens
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII) // json.dumps(ensure_ascii=True)
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

    private Json() {
    }

    /** A generator writing JSON as Python's {@code json.dumps} does with its default separators. */
    static JsonGenerator pythonStyleGenerator(OutputStream out) throws IOException {
        return FACTORY.createGenerator(out).setPrettyPrinter(PYTHON_SEPARATORS);
    }

    /**
     * Reads the value at the current token as plain Java values: Map (insertion order, a repeated
     * key keeps its last value, as Python's json does), List, String, Long, BigInteger, Double,
     * Boolean or null.
     */
    static Object readValue(JsonParser p) throws IOException {
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
                return p.getDoubleValue();
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

    /** True when an integer token does not fit a long (Python keeps it exact; we treat it as a float). */
    static boolean isBig(JsonParser p) throws IOException {
        return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER;
    }

    static BigInteger bigValue(JsonParser p) throws IOException {
        return p.getBigIntegerValue();
    }
}
