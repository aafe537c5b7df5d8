package dev.modelport.model;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The contents of an {@code MLmodel} file. Flavor sections are kept as the maps MLflow wrote
 * (unknown keys verbatim); top-level keys Modelport does not know are kept in {@link #extra()}
 * so a rewrite loses nothing.
 */
public final class Model {
    private final Map<String, Object> fields;
    private final Map<String, Map<String, Object>> flavors;
    private final Optional<ModelSignature> signature;

    Model(Map<String, Object> fields, Map<String, Map<String, Object>> flavors, Optional<ModelSignature> signature) {
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        LinkedHashMap<String, Map<String, Object>> copy = new LinkedHashMap<>();
        flavors.forEach((name, config) -> copy.put(name, Collections.unmodifiableMap(new LinkedHashMap<>(config))));
        this.flavors = Collections.unmodifiableMap(copy);
        this.signature = Objects.requireNonNull(signature, "signature");
    }

    /** Reads {@code MLmodel} from a model directory (or the MLmodel file itself). */
    public static Model load(Path dirOrFile) {
        return MlmodelYaml.read(dirOrFile);
    }

    /** Parses MLmodel YAML text; {@code source} names it in error messages. */
    public static Model parse(String yaml, String source) {
        return MlmodelYaml.parse(yaml, source);
    }

    /** Flavor name → its configuration, in file order. */
    public Map<String, Map<String, Object>> flavors() {
        return flavors;
    }

    public Optional<Map<String, Object>> flavor(String name) {
        return Optional.ofNullable(flavors.get(name));
    }

    public Optional<ModelSignature> signature() {
        return signature;
    }

    public Optional<String> artifactPath() {
        return string("artifact_path");
    }

    public Optional<String> runId() {
        return string("run_id");
    }

    public Optional<String> utcTimeCreated() {
        return string("utc_time_created");
    }

    public Optional<String> modelUuid() {
        return string("model_uuid");
    }

    public Optional<String> mlflowVersion() {
        return string("mlflow_version");
    }

    public Optional<String> databricksRuntime() {
        return string("databricks_runtime");
    }

    public Optional<Long> modelSizeBytes() {
        return Optional.ofNullable(fields.get("model_size_bytes")).map(v -> ((Number) v).longValue());
    }

    /** {@code saved_input_example_info}: where the input example is and how it is laid out. */
    @SuppressWarnings("unchecked")
    public Optional<Map<String, Object>> savedInputExampleInfo() {
        return Optional.ofNullable((Map<String, Object>) fields.get("saved_input_example_info"));
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> metadata() {
        Object metadata = fields.get("metadata");
        return metadata == null ? Map.of() : (Map<String, Object>) metadata;
    }

    /** Every top-level key except {@code flavors} and {@code signature}, as written. */
    Map<String, Object> fields() {
        return fields;
    }

    private Optional<String> string(String key) {
        return Optional.ofNullable(fields.get(key)).map(String::valueOf);
    }

    @Override
    public String toString() {
        return "Model" + flavors.keySet() + signature.map(s -> " with signature").orElse("");
    }
}
