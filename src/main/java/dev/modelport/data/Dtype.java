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
