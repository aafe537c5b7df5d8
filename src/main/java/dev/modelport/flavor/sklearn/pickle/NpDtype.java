package dev.modelport.flavor.sklearn.pickle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A numpy dtype as pickled: {@code numpy.dtype('f8', False, True)} then BUILD with
 * {@code (3, byteorder, subarray, names, fields, elsize, alignment, flags)}.
 */
public final class NpDtype {
    /** A field of a structured dtype. */
    public record Field(String name, NpDtype dtype, int offset) {
    }

    private final char kind;
    private int itemSize;
    private char byteOrder;
    private Map<String, Field> fields = Map.of();

    NpDtype(char kind, int itemSize, char byteOrder) {
        this.kind = kind;
        this.itemSize = itemSize;
        this.byteOrder = byteOrder;
    }

    /** Parses numpy's reduce argument: {@code f8}, {@code <i4}, {@code b1}, {@code O8}, {@code U5}, {@code V16}. */
    static NpDtype parse(String spec) {
        String s = spec;
        char order = '=';
        if (!s.isEmpty() && "<>|=".indexOf(s.charAt(0)) >= 0) {
            order = s.charAt(0);
            s = s.substring(1);
        }
        if (s.isEmpty()) {
            throw new PickleException("unsupported numpy dtype '" + spec + "'");
        }
        char kind = s.charAt(0);
        int size;
        if (s.length() == 1) {
            size = switch (kind) {
                case '?' -> 1;
                case 'd' -> 8;
                case 'f' -> 4;
                case 'l', 'q' -> 8;
                case 'i' -> 4;
                case 'O' -> 8;
                default -> throw new PickleException("unsupported numpy dtype '" + spec + "'");
            };
            kind = switch (kind) {
                case '?' -> 'b';
                case 'd' -> 'f';
                case 'l', 'q' -> 'i';
                default -> kind;
            };
        } else {
            try {
                size = Integer.parseInt(s.substring(1));
            } catch (NumberFormatException e) {
                throw new PickleException("unsupported numpy dtype '" + spec + "'");
            }
            if (size < 0 || size > 1 << 20) {
                throw new PickleException("unsupported numpy dtype size '" + spec + "'");
            }
        }
        if ("biufcOUSV".indexOf(kind) < 0) {
            throw new PickleException("unsupported numpy dtype '" + spec + "'");
        }
        if (kind == 'U') {
            size *= 4;
        }
        return new NpDtype(kind, size, order);
    }

    void setState(Object state) {
        if (!(state instanceof PyTuple t) || t.size() < 6) {
            throw new PickleException("numpy dtype state is not a tuple of 8");
        }
        if (t.get(1) instanceof String order && order.length() == 1) {
            byteOrder = order.charAt(0);
        }
        if (t.get(2) != null) {
            throw new PickleException("numpy sub-array dtypes are not supported");
        }
        if (t.get(5) instanceof Long size && size > 0) {
            if (size > 1 << 20) {
                throw new PickleException("numpy dtype item size " + size + " is too large");
            }
            itemSize = size.intValue();
        }
        if (t.get(3) instanceof PyTuple names && t.get(4) instanceof Map<?, ?> fieldMap) {
            LinkedHashMap<String, Field> parsed = new LinkedHashMap<>();
            for (Object n : names.items()) {
                String name = String.valueOf(n);
                if (!(fieldMap.get(n) instanceof PyTuple f) || f.size() < 2 || !(f.get(0) instanceof NpDtype fd)
                        || !(f.get(1) instanceof Long offset)) {
                    throw new PickleException("malformed numpy structured dtype field '" + name + "'");
                }
                if (offset < 0 || offset + fd.itemSize() > itemSize) {
                    throw new PickleException("numpy structured dtype field '" + name + "' lies outside its item");
                }
                parsed.put(name, new Field(name, fd, offset.intValue()));
            }
            fields = Collections.unmodifiableMap(parsed);
        }
    }

    public char kind() {
        return kind;
    }

    public int itemSize() {
        return itemSize;
    }

    public boolean bigEndian() {
        return byteOrder == '>';
    }

    public Map<String, Field> fields() {
        return fields;
    }

    public List<String> fieldNames() {
        return new ArrayList<>(fields.keySet());
    }

    @Override
    public String toString() {
        return fields.isEmpty() ? byteOrder + "" + kind + itemSize : "structured" + fields.keySet();
    }
}
