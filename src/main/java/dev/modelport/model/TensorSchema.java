package dev.modelport.model;

import java.util.List;

/** A tensor-based schema: what {@code infer_signature} writes for numpy arrays. */
public record TensorSchema(List<TensorSpec> tensors) implements Schema {
    public TensorSchema {
        tensors = List.copyOf(tensors);
    }

    @Override
    public boolean hasNames() {
        return !tensors.isEmpty() && tensors.stream().allMatch(t -> t.name().isPresent());
    }
}
