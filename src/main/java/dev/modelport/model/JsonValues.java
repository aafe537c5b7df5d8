package dev.modelport.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON text (signatures, input examples) as plain Java values, read with jackson-core's streaming
 * parser: Map (insertion order; a repeated key keeps its last value, as Python's json does), List,
 * String, Long, BigInteger, Double, Boolean or null. Databind's ObjectMapper would do the same, but
 * building one costs a cold JVM ~50 ms of start-up CPU (its date formats, type factory and
 * serializer tables), which a served model never needs. Like {@code ObjectMapper.readValue}, it reads
 * the first value and ignores what follows.
 */
final class JsonValues {
    private static final JsonFactory STRICT = new JsonFactory();
    /** Python's json also reads NaN, Infinity and -Infinity. */
    private static final JsonFactory PYTHON = JsonFactory.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private JsonValues() {
    }

    /** Standard JSON. */
    static Object read(String text) throws JsonProcessingException {
        return read(STRICT, text);
    }

    /** JSON as Python's json module reads it, with NaN, Infinity and -Infinity. */
    static Object readPython(String text) throws JsonProcessingException {
        return read(PYTHON, text);
    }

    private static Object read(JsonFactory factory, String text) throws JsonProcessingException {
        try (JsonParser p = factory.createParser(text)) {
            if (p.nextToken() == null) {
                throw new JsonParseException(p, "No content to map due to end-of-input");
            }
            return value(p);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a String source has no I/O to fail
        }
    }

    private static Object value(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        return switch (t) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    map.put(name, value(p));
                }
                yield map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(p));
                }
                yield list;
            }
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue() : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new JsonParseException(p, "unexpected JSON token " + t);
        };
    }
}
