package dev.modelport.flavor.xgboost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Decodes Universal Binary JSON (the format of XGBoost's {@code .ubj} models) into a Jackson tree,
 * so the JSON model reader serves both. Supports optimized (typed, counted) containers. Every
 * length is checked against the bytes left, so a truncated or corrupt file fails fast.
 */
final class Ubjson {
    private static final int MAX_DEPTH = 64;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ByteBuffer in;

    private Ubjson(byte[] bytes) {
        this.in = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
    }

    /** Parses one UBJSON value filling the whole of {@code bytes}. */
    static JsonNode parse(byte[] bytes) {
        Ubjson reader = new Ubjson(bytes);
        try {
            JsonNode value = reader.value(reader.marker(), 0);
            if (reader.in.hasRemaining()) {
                throw new IllegalArgumentException("trailing bytes after the UBJSON document at offset " + reader.in.position());
            }
            return value;
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("UBJSON document is truncated");
        }
    }

    private byte marker() {
        byte m = in.get();
        while (m == 'N') {
            m = in.get();
        }
        return m;
    }

    private JsonNode value(byte type, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("UBJSON nests deeper than " + MAX_DEPTH);
        }
        return switch (type) {
            case 'Z' -> NODES.nullNode();
            case 'T' -> NODES.booleanNode(true);
            case 'F' -> NODES.booleanNode(false);
            case 'i' -> NODES.numberNode(in.get());
            case 'U' -> NODES.numberNode(in.get() & 0xff);
            case 'I' -> NODES.numberNode(in.getShort());
            case 'l' -> NODES.numberNode(in.getInt());
            case 'L' -> NODES.numberNode(in.getLong());
            case 'd' -> NODES.numberNode(in.getFloat());
            case 'D' -> NODES.numberNode(in.getDouble());
            case 'C' -> NODES.textNode(String.valueOf((char) (in.get() & 0xff)));
            case 'S', 'H' -> NODES.textNode(string());
            case '[' -> array(depth);
            case '{' -> object(depth);
            default -> throw new IllegalArgumentException("unknown UBJSON type marker 0x" + Integer.toHexString(type & 0xff)
                    + " at offset " + (in.position() - 1));
        };
    }

    private String string() {
        int length = length();
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private int length() {
        long n = switch (in.get()) {
            case 'i' -> in.get();
            case 'U' -> in.get() & 0xff;
            case 'I' -> in.getShort();
            case 'l' -> in.getInt();
            case 'L' -> in.getLong();
            default -> throw new IllegalArgumentException("bad UBJSON length marker at offset " + (in.position() - 1));
        };
        if (n < 0 || n > in.remaining()) {
            throw new IllegalArgumentException("UBJSON length " + n + " at offset " + in.position() + " exceeds the " + in.remaining()
                    + " bytes left");
        }
        return (int) n;
    }

    /** The type of an optimized container: one that takes bytes, so a count cannot outgrow the file. */
    private byte elementType() {
        byte type = in.get();
        if (type == 'Z' || type == 'T' || type == 'F' || type == 'N') {
            throw new IllegalArgumentException("UBJSON container of zero-width type '" + (char) type + "' is not supported");
        }
        return type;
    }

    private ArrayNode array(int depth) {
        ArrayNode array = NODES.arrayNode();
        byte next = in.get();
        byte type = 0;
        if (next == '$') {
            type = elementType();
            next = in.get();
            if (next != '#') {
                throw new IllegalArgumentException("UBJSON typed array without a count at offset " + (in.position() - 1));
            }
        }
        if (next == '#') {
            int count = length();
            for (int i = 0; i < count; i++) {
                array.add(value(type != 0 ? type : marker(), depth + 1));
            }
            return array;
        }
        in.position(in.position() - 1);
        for (byte m = marker(); m != ']'; m = marker()) {
            array.add(value(m, depth + 1));
        }
        return array;
    }

    private ObjectNode object(int depth) {
        ObjectNode object = NODES.objectNode();
        byte next = in.get();
        byte type = 0;
        if (next == '$') {
            type = elementType();
            next = in.get();
            if (next != '#') {
                throw new IllegalArgumentException("UBJSON typed object without a count at offset " + (in.position() - 1));
            }
        }
        if (next == '#') {
            int count = length();
            for (int i = 0; i < count; i++) {
                String key = string();
                object.set(key, value(type != 0 ? type : marker(), depth + 1));
            }
            return object;
        }
        in.position(in.position() - 1);
        while (true) {
            byte peek = in.get();
            if (peek == '}') {
                return object;
            }
            in.position(in.position() - 1);
            String key = string();
            object.set(key, value(marker(), depth + 1));
        }
    }
}
