package dev.modelport.model;

import java.util.Objects;
import java.util.Optional;

/** An MLflow model signature: input schema, optional output schema, optional params schema. */
public record ModelSignature(Schema inputs, Optional<Schema> outputs, Optional<ParamSchema> params) {
    public ModelSignature {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(outputs, "outputs");
        Objects.requireNonNull(params, "params");
    }
}
