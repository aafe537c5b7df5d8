package dev.modelport.model;

import java.util.Objects;
import java.util.Optional;

/** One column of a column-based schema; an unnamed column has no name (matched by position). */
public record ColSpec(Optional<String> name, ColType type, boolean required) {
    public ColSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    public static ColSpec of(String name, ColType type) {
        return new ColSpec(Optional.ofNullable(name), type, true);
    }
}
