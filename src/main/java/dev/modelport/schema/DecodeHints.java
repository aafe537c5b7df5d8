package dev.modelport.schema;

import dev.modelport.data.Dtype;
import dev.modelport.data.codec.SchemaHint;
import dev.modelport.data.codec.TypeHint;
import dev.modelport.model.ColSpec;
import dev.modelport.model.ColumnSchema;
import dev.modelport.model.DataType;
import dev.modelport.model.Schema;
import dev.modelport.model.TensorSchema;
import dev.modelport.model.TensorSpec;
import java.util.ArrayList;
import java.util.List;

/** Turns a signature's input schema into what the decoders need to type values as MLflow does while parsing. */
public final class DecodeHints {
    private DecodeHints() {
    }

    public static SchemaHint of(Schema schema) {
        List<TypeHint> hints = new ArrayList<>();
        return switch (schema) {
            case ColumnSchema columns -> {
                for (ColSpec c : columns.columns()) {
                    hints.add(c.type() instanceof DataType t
                            ? new TypeHint(c.name(), pandasDtype(t), numpyDtype(t), t == DataType.BINARY, true)
                            : new TypeHint(c.name(), Dtype.OBJECT, Dtype.OBJECT, false, false));
                }
                yield new SchemaHint(hints, false);
            }
            case TensorSchema tensors -> {
                for (TensorSpec t : tensors.tensors()) {
                    Dtype dtype = tensorDtype(t);
                    hints.add(new TypeHint(t.name(), dtype, dtype, false, dtype != Dtype.OBJECT));
                }
                yield new SchemaHint(hints, true);
            }
        };
    }

    /** {@code DataType.to_numpy()}. */
    static Dtype numpyDtype(DataType t) {
        return switch (t) {
            case BOOLEAN -> Dtype.BOOL;
            case INTEGER -> Dtype.INT32;
            case LONG -> Dtype.INT64;
            case FLOAT -> Dtype.FLOAT32;
            case DOUBLE -> Dtype.FLOAT64;
            case STRING -> Dtype.STR;
            case BINARY -> Dtype.BYTES;
            case DATETIME -> Dtype.DATETIME64;
        };
    }

    /** {@code DataType.to_pandas()}: strings and bytes are pandas {@code object} columns. */
    static Dtype pandasDtype(DataType t) {
        return switch (t) {
            case STRING -> Dtype.OBJECT;
            case BINARY -> Dtype.BYTES;
            default -> numpyDtype(t);
        };
    }

    /** A tensor spec's numpy dtype; unknown names are treated as {@code object}. */
    static Dtype tensorDtype(TensorSpec t) {
        return Dtype.fromNumpyName(t.dtype()).orElse(Dtype.OBJECT);
    }
}
