package dev.modelport.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One tensor of a tensor-based schema: numpy dtype name (e.g. {@code float64}, {@code int64},
 * {@code str}, {@code object}) and shape, where -1 is a variable dimension.
 */
public record TensorSpec(Optional<String> name, String dtype, List<Integer> shape) {
    public TensorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        shape = List.copyOf(shape);
    }
}
