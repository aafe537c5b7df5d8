package dev.modelport.data;

/** What a model predicted: a DataFrame (written as records), one tensor, or named tensors. */
public sealed interface Output permits Frame, Tensor, TensorMap {
}
