package dev.modelport.python;

/**
 * A value that cannot be converted to a dtype, described as Python describes the error it would
 * raise ({@code ValueError("could not convert string to float: 'abc'")}). Each caller turns it
 * into MLflow's message for its situation.
 */
public final class CastFailure extends RuntimeException {
    private final String pythonType;

    public CastFailure(String pythonType, String message) {
        super(message, null, false, false);
        this.pythonType = pythonType;
    }

    /** Python's {@code repr(exception)}, e.g. {@code ValueError('...')}. */
    public String pythonRepr() {
        return pythonType + "(" + PythonRepr.quote(getMessage()) + ")";
    }
}
