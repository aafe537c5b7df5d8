package dev.modelport.data;

import java.util.Arrays;
import java.util.Optional;

/** The numpy/pandas dtype of a column or tensor, with its numpy name. */
public enum Dtype {
    BOOL("bool"),
    INT8("int8"),
    INT16("int16"),
    INT32("int32"),
    INT64("int64"),
    UINT8("uint8"),
    UINT16("uint16"),
    UINT32("uint32"),
    UINT64("uint64"),
    FLOAT16("float16"),
    FLOAT32("float32"),
    FLOAT64("float64"),
    /** numpy unicode strings ({@code <U..}); MLflow's tensor dtype name is {@code str}. */
    STR("str"),
    BYTES("bytes"),
    /** Python objects: strings, None, mixed values (pandas' {@code object}). */
    OBJECT("object"),
    /** {@code datetime64[ns]}, stored as epoch nanoseconds. */
    DATETIME64("datetime64[ns]");

    private final String numpyName;

    Dtype(String numpyName) {
        this.numpyName = numpyName;
    }

    public String numpyName() {
        return numpyName;
    }

    public boolean isInteger() {
        return ordinal() >= INT8.ordinal() && ordinal() <= UINT64.ordinal();
    }

    public boolean isFloating() {
        return this == FLOAT16 || this == FLOAT32 || this == FLOAT64;
    }

    /** True for the dtypes numpy promotes arithmetically: integers and floats. */
    public boolean isNumeric() {
        return isInteger() || isFloating();
    }

    /**
     * numpy's {@code promote_types} for two numeric dtypes: the smallest dtype both convert to
     * safely ({@code int64} and {@code uint64} meet in {@code float64}, {@code int32} and
     * {@code float32} too).
     */
    public Dtype promote(Dtype other) {
        if (!isNumeric() || !other.isNumeric()) {
            throw new IllegalArgumentException("cannot promote " + this + " with " + other);
        }
        if (this == other) {
            return this;
        }
        if (isFloating() || other.isFloating()) {
            Dtype a = smallestFloat();
            Dtype b = other.smallestFloat();
            return a.itemsize() >= b.itemsize() ? a : b;
        }
        boolean signedA = ordinal() <= INT64.ordinal();
        boolean signedB = other.ordinal() <= INT64.ordinal();
        if (signedA == signedB) {
            return itemsize() >= other.itemsize() ? this : other;
        }
        Dtype signed = signedA ? this : other;
        Dtype unsigned = signedA ? other : this;
        if (unsigned.itemsize() < signed.itemsize()) {
            return signed;
        }
        return switch (unsigned.itemsize()) {
            case 1 -> INT16;
            case 2 -> INT32;
            case 4 -> INT64;
            default -> FLOAT64;
        };
    }

    /** The smallest float dtype holding every value of this one exactly, as numpy judges it. */
    private Dtype smallestFloat() {
        if (isFloating()) {
            return this;
        }
        return switch (itemsize()) {
            case 1 -> FLOAT16;
            case 2 -> FLOAT32;
            default -> FLOAT64;
        };
    }

    /** Bytes per element of a numeric or bool dtype. */
    private int itemsize() {
        return switch (this) {
            case BOOL, INT8, UINT8 -> 1;
            case INT16, UINT16, FLOAT16 -> 2;
            case INT32, UINT32, FLOAT32 -> 4;
            default -> 8;
        };
    }

    /** Parses a numpy dtype name as MLflow writes it ({@code float64}, {@code str}, {@code datetime64[ns]}, ...). */
    public static Optional<Dtype> fromNumpyName(String name) {
        if (name.startsWith("datetime64")) {
            return Optional.of(DATETIME64);
        }
        return Arrays.stream(values()).filter(d -> d.numpyName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return numpyName;
    }
}
