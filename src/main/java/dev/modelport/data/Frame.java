package dev.modelport.data;

import java.util.List;
import java.util.Optional;

/** A pandas-like DataFrame: named, typed columns of equal length. */
public record Frame(List<String> names, List<Column> columns, int rows) implements Input, Output {
    public Frame {
        names = List.copyOf(names);
        columns = List.copyOf(columns);
        if (names.size() != columns.size()) {
            throw new IllegalArgumentException(names.size() + " names for " + columns.size() + " columns");
        }
        for (Column c : columns) {
            if (c.size() != rows) {
                throw new IllegalArgumentException("column of " + c.size() + " rows in a frame of " + rows);
            }
        }
    }

    public static Frame of(List<String> names, List<Column> columns) {
        return new Frame(names, columns, columns.isEmpty() ? 0 : columns.get(0).size());
    }

    public int width() {
        return columns.size();
    }

    public Optional<Column> column(String name) {
        int i = names.indexOf(name);
        return i < 0 ? Optional.empty() : Optional.of(columns.get(i));
    }
}
