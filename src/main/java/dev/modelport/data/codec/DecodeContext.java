package dev.modelport.data.codec;

import dev.modelport.ErrorCode;
import dev.modelport.ModelportException;
import java.util.Optional;

/** What one decode needs besides the bytes: the signature's hints and the error code for unusable input. */
record DecodeContext(Optional<SchemaHint> hint, ErrorCode errorCode) {

    /** MLflow's {@code MlflowInvalidInputException}: "Invalid input. ..." with this request's error code. */
    ModelportException invalid(String message) {
        return new ModelportException(errorCode, "Invalid input. " + message);
    }

    /** Python's {@code type(value)} as MLflow interpolates it: {@code <class 'str'>}. */
    static String pythonClass(String typeName) {
        return "<class '" + typeName + "'>";
    }
}
