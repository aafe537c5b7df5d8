package dev.modelport.data.codec;

/** The wire format of a scoring request, decided once per request from content type and JSON shape. */
public enum RequestFormat {
    /** MLflow 2.x {@code {"dataframe_split": {"columns", "data", "index"}}}. */
    DATAFRAME_SPLIT("dataframe_split", false),
    /** MLflow 2.x {@code {"dataframe_records": [{...}, ...]}}. */
    DATAFRAME_RECORDS("dataframe_records", false),
    /** MLflow 2.x TF-serving row format {@code {"instances": ...}}. */
    INSTANCES("instances", false),
    /** MLflow 2.x TF-serving columnar format {@code {"inputs": ...}}. */
    INPUTS("inputs", false),
    /** {@code text/csv}, read as pandas' {@code read_csv} does. */
    CSV("csv", false),
    /** MLflow 1.x bare pandas split JSON {@code {"columns", "data"}} (or {@code format=pandas-split}). */
    V1_SPLIT("pandas-split", true),
    /** MLflow 1.x bare records list {@code [{...}, ...]} (or {@code format=pandas-records}). */
    V1_RECORDS("pandas-records", true);

    private final String key;
    private final boolean legacy;

    RequestFormat(String key, boolean legacy) {
        this.key = key;
        this.legacy = legacy;
    }

    /** The JSON key (2.x) or format name (1.x) of this format. */
    public String key() {
        return key;
    }

    /** True for the MLflow 1.x formats, answered with a bare JSON list. */
    public boolean isLegacy() {
        return legacy;
    }
}
