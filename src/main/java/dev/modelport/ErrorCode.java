package dev.modelport;

/** MLflow's error codes and the HTTP status MLflow answers each with (mlflow/exceptions.py), plus {@link #MODEL_LOAD_FAILED}. */
public enum ErrorCode {
    BAD_REQUEST(400),
    INVALID_PARAMETER_VALUE(400),
    /** MLflow 1.x's code for a request it could not parse. */
    MALFORMED_REQUEST(400),
    RESOURCE_DOES_NOT_EXIST(404),
    /** Modelport's own: the model could not be loaded, so the server never becomes ready. */
    MODEL_LOAD_FAILED(503),
    RESOURCE_EXHAUSTED(429),
    INTERNAL_ERROR(500),
    TEMPORARILY_UNAVAILABLE(503),
    DEADLINE_EXCEEDED(504);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
