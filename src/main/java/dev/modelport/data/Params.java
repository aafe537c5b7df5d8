package dev.modelport.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Inference parameters after validation against the params schema: name → plain value (Long,
 * Double, Boolean, String, List of those, or null).
 */
public record Params(Map<String, Object> values) {
    public static final Params NONE = new Params(Map.of());

    public Params {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
