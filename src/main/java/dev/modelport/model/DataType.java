package dev.modelport.model;

import java.util.Arrays;
import java.util.Optional;

/** MLflow's scalar column types (mlflow.types.DataType), with their MLflow names. */
public enum DataType implements ColType {
    BOOLEAN("boolean"),
    INTEGER("integer"),
    LONG("long"),
    FLOAT("float"),
    DOUBLE("double"),
    STRING("string"),
    BINARY("binary"),
    DATETIME("datetime");

    private final String mlflowName;

    DataType(String mlflowName) {
        this.mlflowName = mlflowName;
    }

    /** The name MLflow writes in a signature, e.g. {@code "double"}. */
    public String mlflowName() {
        return mlflowName;
    }

    public static Optional<DataType> fromMlflowName(String name) {
        return Arrays.stream(values()).filter(t -> t.mlflowName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return mlflowName;
    }
}
