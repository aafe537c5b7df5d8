package dev.modelport.scoring;

import java.util.Arrays;

/** Which generation(s) of MLflow's scoring protocol the server speaks. */
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

    public static ScoringProtocol fromSetting(String value) {
        return Arrays.stream(values()).filter(p -> p.setting.equalsIgnoreCase(value.trim())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown scoring protocol '" + value + "'; use one of both, mlflow-2, mlflow-1"));
    }
}
