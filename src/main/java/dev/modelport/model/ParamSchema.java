package dev.modelport.model;

import java.util.List;

/** The params schema of a signature: the parameters {@code predict} accepts, with defaults. */
public record ParamSchema(List<ParamSpec> params) {
    public ParamSchema {
        params = List.copyOf(params);
    }
}
