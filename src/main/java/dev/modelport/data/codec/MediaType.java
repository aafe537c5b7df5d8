package dev.modelport.data.codec;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A Content-Type header split as MLflow's scoring server splits it: the media type before the
 * first {@code ;}, then {@code key=value} parameters.
 */
record MediaType(String type, Map<String, String> parameters) {
    static final String JSON = "application/json";
    static final String CSV = "text/csv";

    MediaType {
        parameters = Map.copyOf(parameters);
    }

    static MediaType parse(String header) {
        String[] parts = header.split(";");
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String pair = parts[i].strip();
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = (eq < 0 ? pair : pair.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : pair.substring(eq + 1).strip();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            parameters.put(key, value);
        }
        return new MediaType(parts.length == 0 ? "" : parts[0].strip().toLowerCase(Locale.ROOT), parameters);
    }
}
