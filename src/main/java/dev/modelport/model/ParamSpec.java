package dev.modelport.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One inference parameter of a signature's params schema. The default is a plain Java value
 * as JSON gives it (Long, Double, Boolean, String, or a List of those for shape {@code (-1,)});
 * shape is empty for a scalar.
 */
public record ParamSpec(String name, DataType type, Object defaultValue, Optional<List<Integer>> shape) {
    public ParamSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(shape, "shape");
        shape = shape.map(List::copyOf);
    }
}
