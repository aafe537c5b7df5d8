package dev.modelport.data.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.modelport.data.BooleanColumn;
import dev.modelport.data.Column;
import dev.modelport.data.DoubleColumn;
import dev.modelport.data.Dtype;
import dev.modelport.data.LongColumn;
import dev.modelport.data.ObjectColumn;
import dev.modelport.python.NumpyCast;
import dev.modelport.python.PythonRepr;
import java.io.IOException;
import java.util.Arrays;

/**
 * Collects the values of one column (or the flat values of one array) as they stream in, each
 * in a primitive slot with its kind, and builds a typed {@link Column} with pandas' or numpy's
 * dtype inference. Values are placed by row, so records may skip or repeat keys. A slot is one
 * long: an int's or bool's value, or a float's bits. Nine bytes a value, where a long and a double
 * slot had taken 17: a 99 MB body of four float columns had held 390 MB of builders.
 */
final class ColumnBuilder {
    static final byte ABSENT = 0;
    static final byte NULL = 1;
    static final byte INT = 2;
    static final byte FLOAT = 3;
    static final byte BOOL = 4;
    static final byte STRING = 5;
    static final byte OBJECT = 6;

    private byte[] kinds;
    private long[] slots;
    private Object[] objects;
    private int size;
    private int seen;

    ColumnBuilder(int capacity) {
        int cap = Math.max(capacity, 4);
        kinds = new byte[cap];
        slots = new long[cap];
    }

    int size() {
        return size;
    }

    /** Makes room for {@code rows} rows at once (a request's row count, estimated), instead of growing up to it. */
    void reserve(int rows) {
        ensure(rows);
    }

    private byte kind(int row) {
        return row < size ? kinds[row] : ABSENT;
    }

    /** The number at {@code row} (an int, float or bool) as a double. */
    private double doubleAt(int row) {
        return kinds[row] == FLOAT ? Double.longBitsToDouble(slots[row]) : slots[row];
    }

    /** Lets go of the values once the column is built, so a big request's builders are not held beside its columns. */
    void release() {
        kinds = new byte[0];
        slots = new long[0];
        objects = null;
        size = 0;
    }

    /** True when some value of kind {@code kind} was placed. */
    boolean saw(byte kind) {
        return (seen & (1 << kind)) != 0;
    }

    /** Grows the column to {@code rows} rows, filling with absent values. */
    void padTo(int rows) {
        if (rows > size) {
            ensure(rows);
            size = rows;
            seen |= 1 << ABSENT;
        }
    }

    /** Pads to {@code rows} and turns every absent value into None. */
    void absentAsNull(int rows) {
        padTo(rows);
        if (saw(ABSENT)) {
            for (int i = 0; i < rows; i++) {
                if (kinds[i] == ABSENT) {
                    kinds[i] = NULL;
                }
            }
            seen = (seen & ~(1 << ABSENT)) | (1 << NULL);
        }
    }

    /** Places {@code other}'s rows from row {@code at} on, as if they had been put there one by one. */
    void append(ColumnBuilder other, int at) {
        if (other.size == 0) {
            return;
        }
        ensure(at + other.size);
        if (at > size) {
            seen |= 1 << ABSENT; // rows skipped on the way are absent
        }
        System.arraycopy(other.kinds, 0, kinds, at, other.size);
        if (other.saw(INT) || other.saw(FLOAT) || other.saw(BOOL)) {
            System.arraycopy(other.slots, 0, slots, at, other.size);
        }
        if (other.objects != null) {
            System.arraycopy(other.objects, 0, objects(), at, other.size);
        }
        size = at + other.size;
        seen |= other.seen;
    }

    void putInt(int row, long v) {
        slot(row, INT);
        slots[row] = v;
    }

    void putFloat(int row, double v) {
        slot(row, FLOAT);
        slots[row] = Double.doubleToRawLongBits(v);
    }

    void putBool(int row, boolean v) {
        slot(row, BOOL);
        slots[row] = v ? 1 : 0;
    }

    void putNull(int row) {
        slot(row, NULL);
    }

    void putString(int row, String s) {
        slot(row, STRING);
        objects()[row] = s;
    }

    void putObject(int row, Object o) {
        slot(row, OBJECT);
        objects()[row] = o;
    }

    /** Places a plain Java value (as {@link Json#readValue} yields) at {@code row}. */
    void put(int row, Object value) {
        switch (value) {
            case null -> putNull(row);
            case Long l -> putInt(row, l);
            case Integer i -> putInt(row, i);
            case Double d -> putFloat(row, d);
            case Float f -> putFloat(row, f);
            case java.math.BigInteger b -> putFloat(row, b.doubleValue());
            case Boolean b -> putBool(row, b);
            case String s -> putString(row, s);
            default -> putObject(row, value);
        }
    }

    /** Places the JSON value at the parser's current token; arrays and objects become List/Map values. */
    void put(int row, JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case VALUE_NUMBER_INT -> {
                if (Json.isBig(p)) {
                    putFloat(row, Json.bigValue(p).doubleValue()); // beyond int64: a float, as the docs promise
                } else {
                    putInt(row, p.getLongValue());
                }
            }
            case VALUE_NUMBER_FLOAT -> putFloat(row, Json.doubleValue(p));
            case VALUE_STRING -> putString(row, p.getText());
            case VALUE_TRUE -> putBool(row, true);
            case VALUE_FALSE -> putBool(row, false);
            case VALUE_NULL -> putNull(row);
            default -> putObject(row, Json.readValue(p));
        }
    }

    /** The value at {@code row} as a plain Java object (absent as NaN, as pandas fills it). */
    Object boxed(int row) {
        return switch (kind(row)) {
            case ABSENT -> Double.NaN;
            case NULL -> null;
            case INT -> slots[row];
            case FLOAT -> Double.longBitsToDouble(slots[row]);
            case BOOL -> slots[row] != 0;
            default -> objects[row];
        };
    }

    /**
     * The column as pandas builds it from Python values ({@code pd.DataFrame(data)}): all ints →
     * int64; ints/floats with None or absent → float64 (NaN); all bools → bool; anything else →
     * object; no rows → object.
     */
    Column buildPandas(int rows) {
        padTo(rows);
        int numeric = (1 << INT) | (1 << FLOAT);
        int missing = (1 << NULL) | (1 << ABSENT);
        if (rows > 0 && seen == (1 << INT)) {
            return new LongColumn(Arrays.copyOf(slots, rows), Dtype.INT64);
        }
        if (rows > 0 && (seen & numeric) != 0 && (seen & ~(numeric | missing)) == 0) {
            return new DoubleColumn(floats(rows), Dtype.FLOAT64);
        }
        if (rows > 0 && seen == (1 << BOOL)) {
            return new BooleanColumn(bools(rows));
        }
        return new ObjectColumn(boxedAll(rows), Dtype.OBJECT);
    }

    /**
     * The flat values as {@code np.array(values)} types them: bools → bool; ints (and bools) →
     * int64; any float → float64; strings with numbers or bools → str; None, lists or dicts →
     * object.
     */
    Column buildNumpy(int rows) {
        padTo(rows);
        int scalarsNoString = (1 << INT) | (1 << FLOAT) | (1 << BOOL);
        if (rows == 0) {
            return new DoubleColumn(new double[0], Dtype.FLOAT64); // np.array([]) is float64
        }
        if (seen == (1 << BOOL)) {
            return new BooleanColumn(bools(rows));
        }
        if ((seen & ~((1 << INT) | (1 << BOOL))) == 0) {
            return new LongColumn(Arrays.copyOf(slots, rows), Dtype.INT64);
        }
        if ((seen & ~scalarsNoString) == 0) {
            return new DoubleColumn(floats(rows), Dtype.FLOAT64);
        }
        if (saw(STRING) && (seen & ~(scalarsNoString | (1 << STRING))) == 0) {
            Object[] strings = new Object[rows];
            for (int i = 0; i < rows; i++) {
                strings[i] = PythonRepr.str(boxed(i));
            }
            return new ObjectColumn(strings, Dtype.STR);
        }
        return new ObjectColumn(boxedAll(rows), Dtype.OBJECT);
    }

    /** {@code np.array(values, dtype=target)} over the collected values. */
    Column buildAs(int rows, Dtype target) {
        padTo(rows);
        if (target.isFloating()) {
            double[] out = new double[rows];
            for (int i = 0; i < rows; i++) {
                byte k = kinds[i];
                out[i] = k == INT || k == FLOAT || k == BOOL ? doubleAt(i) : k == NULL || k == ABSENT ? Double.NaN : NumpyCast.toDouble(boxed(i));
            }
            return new DoubleColumn(target == Dtype.FLOAT32 ? NumpyCast.roundToFloat(out) : out, target);
        }
        if (target.isInteger() || target == Dtype.DATETIME64) {
            long[] out = new long[rows];
            for (int i = 0; i < rows; i++) {
                byte k = kinds[i];
                out[i] = k == INT || k == BOOL ? slots[i] : target == Dtype.DATETIME64 ? NumpyCast.toEpochNanos(boxed(i)) : NumpyCast.toLong(boxed(i));
            }
            return NumpyCast.integers(out, target);
        }
        if (target == Dtype.OBJECT) {
            return buildPandas(rows) instanceof ObjectColumn o ? o : new ObjectColumn(boxedAll(rows), Dtype.OBJECT);
        }
        return NumpyCast.astype(new ObjectColumn(boxedAll(rows), Dtype.OBJECT), target, false);
    }

    private double[] floats(int rows) {
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            byte k = kinds[i];
            out[i] = k == INT || k == FLOAT || k == BOOL ? doubleAt(i) : Double.NaN;
        }
        return out;
    }

    private boolean[] bools(int rows) {
        boolean[] out = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = slots[i] != 0;
        }
        return out;
    }

    private Object[] boxedAll(int rows) {
        Object[] out = new Object[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = boxed(i);
        }
        return out;
    }

    private Object[] objects() {
        if (objects == null) {
            objects = new Object[kinds.length];
        }
        return objects;
    }

    private void slot(int row, byte kind) {
        if (row >= size) {
            ensure(row + 1);
            if (row > size) {
                seen |= 1 << ABSENT; // rows skipped on the way are absent
            }
            size = row + 1;
        }
        kinds[row] = kind;
        seen |= 1 << kind;
    }

    private void ensure(int capacity) {
        if (capacity > kinds.length) {
            // by half again, not double: a column sized from an estimate of its rows is seldom far short
            int cap = (int) Math.min(Math.max(capacity, kinds.length * 3L / 2), Integer.MAX_VALUE - 8);
            kinds = Arrays.copyOf(kinds, cap);
            slots = Arrays.copyOf(slots, cap);
            if (objects != null) {
                objects = Arrays.copyOf(objects, cap);
            }
        }
    }
}
