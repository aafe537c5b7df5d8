package dev.modelport.flavor.pyfunc;

/**
 * An exception raised in Python by the model, as the worker reported it. Its message is
 * {@code Type: message}; the scoring service answers it as MLflow answers any exception raised by
 * predict (400 BAD_REQUEST, "Encountered an unexpected error while evaluating the model...").
 */
public final class PythonException extends RuntimeException {
    private final String type;
    private final String traceback;

    PythonException(String type, String message, String traceback) {
        super(type + ": " + message, null, false, false);
        this.type = type;
        this.traceback = traceback;
    }

    /** The Python exception's class name, e.g. {@code ValueError}. */
    public String type() {
        return type;
    }

    /** The formatted Python traceback. */
    public String traceback() {
        return traceback;
    }
}
