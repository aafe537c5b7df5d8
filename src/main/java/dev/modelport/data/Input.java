package dev.modelport.data;

/** What a model is asked to predict on: a DataFrame, one tensor, or named tensors. */
public sealed interface Input permits Frame, Tensor, TensorMap {
}
