package dev.modelport.data.codec;

/**
 * A value that cannot be converted to a dtype, described as Python describes the error it would
 * raise ({@code ValueError("could not convert string to float: 'abc'")}). Internal to the codecs:
 * each caller turns it into MLflow's message for its situation.
 */
final class CastFailure extends RuntimeException {
    private final String pythonType;

    CastFailure(String pythonType, String message) {
        super(message, null, false, false);
        this.pythonType = pythonType;
    }

    /** Python's {@code repr(exception)}, e.g. {@code ValueError('...')}. */
    String pythonRepr() {
        return pythonType + "(" + PythonRepr.quote(getMessage()) + ")";
    }
}
