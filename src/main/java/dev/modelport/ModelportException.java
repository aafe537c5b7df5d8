package dev.modelport;

import java.util.Objects;

/**
 * The one failure type of Modelport: an MLflow error code plus a message a user can act on.
 * The HTTP edge maps it to MLflow's {@code {"error_code": ..., "message": ...}}.
 */
public final class ModelportException extends RuntimeException {
    private final ErrorCode code;

    public ModelportException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public ModelportException(ErrorCode code, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }

    /** The caller sent something unusable (400 BAD_REQUEST). */
    public static ModelportException badInput(String format, Object... args) {
        return new ModelportException(ErrorCode.BAD_REQUEST, format(format, args));
    }

    /** A request value violates the model's schema or params (400 INVALID_PARAMETER_VALUE). */
    public static ModelportException invalidParameter(String format, Object... args) {
        return new ModelportException(ErrorCode.INVALID_PARAMETER_VALUE, format(format, args));
    }

    /** The model cannot be loaded (503 MODEL_LOAD_FAILED): the server must not become ready. */
    public static ModelportException badModel(String format, Object... args) {
        return new ModelportException(ErrorCode.MODEL_LOAD_FAILED, format(format, args));
    }

    /** The model cannot be loaded, keeping the cause. */
    public static ModelportException badModel(Throwable cause, String format, Object... args) {
        return new ModelportException(ErrorCode.MODEL_LOAD_FAILED, format(format, args), cause);
    }

    /** {@code e} as a failure to load the model (MODEL_LOAD_FAILED), whatever its own code: a missing path, a refused pickle. */
    public static ModelportException loadFailure(ModelportException e) {
        return e.code() == ErrorCode.MODEL_LOAD_FAILED ? e : new ModelportException(ErrorCode.MODEL_LOAD_FAILED, e.getMessage(), e);
    }

    private static String format(String format, Object... args) {
        return args.length == 0 ? format : String.format(format, args);
    }
}
