package dev.modelport.data.codec;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of a model's input signature that decoding depends on (MLflow converts types while
 * it parses): a column-based or tensor-based list of {@link TypeHint}s.
 */
public record SchemaHint(List<TypeHint> inputs, boolean tensor) {
    public SchemaHint {
        inputs = List.copyOf(inputs);
    }

    /** True when every input has a name (MLflow's {@code has_input_names}). */
    public boolean named() {
        return !inputs.isEmpty() && inputs.stream().allMatch(h -> h.name().isPresent());
    }

    /** Name → hint, for a named signature; empty otherwise. */
    public Map<String, TypeHint> byName() {
        Map<String, TypeHint> map = new HashMap<>();
        if (named()) {
            for (TypeHint h : inputs) {
                map.put(h.name().orElseThrow(), h);
            }
        }
        return map;
    }

    /** The single input of a one-input signature. */
    public Optional<TypeHint> single() {
        return inputs.size() == 1 ? Optional.of(inputs.get(0)) : Optional.empty();
    }
}
