package dev.modelport.model;

import java.util.List;

/** A column-based schema: what {@code infer_signature} writes for a DataFrame. */
public record ColumnSchema(List<ColSpec> columns) implements Schema {
    public ColumnSchema {
        columns = List.copyOf(columns);
    }

    @Override
    public boolean hasNames() {
        return !columns.isEmpty() && columns.stream().allMatch(c -> c.name().isPresent());
    }
}
