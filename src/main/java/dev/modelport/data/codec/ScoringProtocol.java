package dev.modelport.data.codec;

import dev.modelport.ErrorCode;
import java.util.Arrays;

/**
 * Which generation(s) of MLflow's scoring protocol the server speaks, and every rule in which the
 * generations differ: the request shapes read, the error code of an unreadable body, the
 * content-type parameters taken, and the shape of the answer.
 */
public enum ScoringProtocol {
    /** MLflow 2.x, and MLflow 1.x requests answered the 1.x way (the default). */
    BOTH("both"),
    /** Exactly MLflow 2.x. */
    MLFLOW_2("mlflow-2"),
    /** Exactly MLflow 1.x. */
    MLFLOW_1("mlflow-1");

    private final String setting;

    ScoringProtocol(String setting) {
        this.setting = setting;
    }

    /** The value of {@code --scoring-protocol} / {@code MODELPORT_SCORING_PROTOCOL}. */
    public String setting() {
        return setting;
    }

    /** MLflow 2.x requests ({@code dataframe_split}, {@code dataframe_records}, {@code instances}, {@code inputs}, {@code params}) are read. */
    boolean acceptsV2() {
        return this != MLFLOW_1;
    }

    /** MLflow 1.x requests (a bare split object, a records list, {@code format=pandas-split|pandas-records}) are read. */
    boolean acceptsV1() {
        return this != MLFLOW_2;
    }

    /** The code of a body that cannot be read: MALFORMED_REQUEST as MLflow 1.x answered, else BAD_REQUEST. */
    ErrorCode unreadableBody() {
        return acceptsV2() ? ErrorCode.BAD_REQUEST : ErrorCode.MALFORMED_REQUEST;
    }

    /** MLflow 2.x refuses (415) content-type parameters other than {@code charset}; 1.x ignored them. */
    boolean refusesUnknownParameters() {
        return acceptsV2();
    }

    /**
     * A request in {@code format} is answered as MLflow 1.x did: a bare JSON list instead of
     * {@code {"predictions": ...}}, and a schema failure as BAD_REQUEST.
     */
    public boolean answersAsV1(RequestFormat format) {
        return this == MLFLOW_1 || format.isLegacy();
    }

    /** MLflow's 415 message for a content type it does not read. */
    String unsupportedContentType(String contentType) {
        String got = contentType == null ? "no Content-Type header" : "'" + contentType + "'";
        return this == MLFLOW_1
                ? "This predictor only supports the following content types and formats: Types: ['text/csv', 'application/json'];"
                        + " Formats: ['pandas-records', 'pandas-split']. Got " + got + "."
                : "This predictor only supports the following content types: Types: ['text/csv', 'application/json']. Got " + got + ".";
    }

    public static ScoringProtocol fromSetting(String value) {
        return Arrays.stream(values()).filter(p -> p.setting.equalsIgnoreCase(value.trim())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown scoring protocol '" + value + "'; use one of both, mlflow-2, mlflow-1"));
    }
}
