package dev.modelport.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Named tensors: a dict of numpy arrays, in the order they were given. */
public record TensorMap(Map<String, Tensor> tensors) implements Input, Output {
    public TensorMap {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }
}
