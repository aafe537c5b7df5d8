package dev.modelport.model;

/** An MLflow schema: either column-based or tensor-based, never both. */
public sealed interface Schema permits ColumnSchema, TensorSchema {

    /** True when every column or tensor has a name. */
    boolean hasNames();
}
