package dev.modelport.model;

import dev.modelport.ModelportException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The contents of an {@code MLmodel} file. Flavor sections are kept as the maps MLflow wrote
 * (unknown keys verbatim); top-level keys Modelport does not know are kept in {@link #extra()}
 * so a rewrite loses nothing. Immutable: the Model API
 * ({@link #create()}, {@link #addFlavor}, {@code with…}) returns new instances; {@link #save} writes a
 * model directory as MLflow does.
 */
public final class Model {
    /** The top-level keys MLflow's Model knows besides {@code flavors} and {@code signature}. */
    static final Set<String> KNOWN_FIELDS = Set.of("artifact_path", "run_id", "utc_time_created",
            "saved_input_example_info", "model_uuid", "mlflow_version", "databricks_runtime", "metadata",
            "model_size_bytes");

    private final Map<String, Object> fields;
    private final Map<String, Map<String, Object>> flavors;
    private final Optional<ModelSignature> signature;

    Model(Map<String, Object> fields, Map<String, Map<String, Object>> flavors, Optional<ModelSignature> signature) {
        this.fields = frozenMap(fields);
        LinkedHashMap<String, Map<String, Object>> copy = new LinkedHashMap<>();
        flavors.forEach((name, config) -> copy.put(Objects.requireNonNull(name, "flavor name"), frozenMap(config)));
        this.flavors = Collections.unmodifiableMap(copy);
        this.signature = Objects.requireNonNull(signature, "signature");
    }

    /**
     * A new model description, as MLflow's {@code Model()} constructor makes it: no flavors, no
     * signature, {@code utc_time_created} now (UTC, Python's {@code str(datetime)} format) and a
     * random {@code model_uuid}. Unlike MLflow it writes no {@code mlflow_version} unless one is set
     * ({@link #withMlflowVersion}): Modelport is not MLflow.
     */
    public static Model create() {
        return create(Clock.systemUTC());
    }

    /** {@link #create()} with the creation time read from {@code clock}. */
    public static Model create(Clock clock) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("utc_time_created", pythonDatetime(LocalDateTime.now(clock.withZone(ZoneOffset.UTC))));
        fields.put("model_uuid", UUID.randomUUID().toString().replace("-", ""));
        return new Model(fields, Map.of(), Optional.empty());
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

    /** Top-level keys Modelport does not model (e.g. {@code resources}), kept verbatim for rewrites. */
    public Map<String, Object> extra() {
        Map<String, Object> extra = new LinkedHashMap<>(fields);
        KNOWN_FIELDS.forEach(extra::remove);
        return Collections.unmodifiableMap(extra);
    }

    // ---- the Model API: every change returns a new Model ------------------------------------

    /**
     * Adds (or replaces) a flavor section, as MLflow's {@code add_flavor(name, **params)}; values are
     * plain YAML values (String, Number, Boolean, null, List, Map).
     */
    public Model addFlavor(String name, Map<String, ?> params) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(params, "params");
        Map<String, Map<String, Object>> copy = new LinkedHashMap<>(flavors);
        copy.put(name, new LinkedHashMap<>(params));
        return new Model(fields, copy, signature);
    }

    /** This model without the named flavor. */
    public Model removeFlavor(String name) {
        Map<String, Map<String, Object>> copy = new LinkedHashMap<>(flavors);
        copy.remove(name);
        return new Model(fields, copy, signature);
    }

    public Model withSignature(ModelSignature signature) {
        return new Model(fields, flavors, Optional.of(Objects.requireNonNull(signature, "signature")));
    }

    public Model withoutSignature() {
        return new Model(fields, flavors, Optional.empty());
    }

    public Model withArtifactPath(String artifactPath) {
        return with("artifact_path", artifactPath);
    }

    public Model withRunId(String runId) {
        return with("run_id", runId);
    }

    /** The creation time as MLflow writes it, e.g. {@code 2024-05-03 12:00:00.123456}. */
    public Model withUtcTimeCreated(String utcTimeCreated) {
        return with("utc_time_created", utcTimeCreated);
    }

    public Model withModelUuid(String modelUuid) {
        return with("model_uuid", modelUuid);
    }

    public Model withMlflowVersion(String mlflowVersion) {
        return with("mlflow_version", mlflowVersion);
    }

    public Model withDatabricksRuntime(String databricksRuntime) {
        return with("databricks_runtime", databricksRuntime);
    }

    /** Custom metadata ({@code metadata:}); values are plain YAML values. */
    public Model withMetadata(Map<String, ?> metadata) {
        return with("metadata", new LinkedHashMap<>(Objects.requireNonNull(metadata, "metadata")));
    }

    public Model withModelSizeBytes(long modelSizeBytes) {
        if (modelSizeBytes < 0) {
            throw new IllegalArgumentException("model_size_bytes must not be negative: " + modelSizeBytes);
        }
        return with("model_size_bytes", modelSizeBytes);
    }

    /** {@code saved_input_example_info}, normally set by {@link #save} from an {@link InputExample}. */
    public Model withSavedInputExampleInfo(Map<String, ?> info) {
        return with("saved_input_example_info", new LinkedHashMap<>(Objects.requireNonNull(info, "info")));
    }

    public Model withoutSavedInputExampleInfo() {
        return without("saved_input_example_info");
    }

    /**
     * Sets any other top-level key (MLflow keeps unknown keys of {@code Model(**kwargs)}, e.g.
     * {@code resources}); {@code flavors} and {@code signature} have their own methods.
     */
    public Model withField(String key, Object value) {
        if ("flavors".equals(key) || "signature".equals(key)) {
            throw new IllegalArgumentException("use addFlavor/withSignature to change '" + key + "'");
        }
        Map<String, Object> copy = new LinkedHashMap<>(fields);
        copy.put(Objects.requireNonNull(key, "key"), value);
        return new Model(copy, flavors, signature);
    }

    /** This model without a top-level key. */
    public Model without(String key) {
        Map<String, Object> copy = new LinkedHashMap<>(fields);
        copy.remove(key);
        return new Model(copy, flavors, signature);
    }

    private Model with(String key, Object value) {
        Objects.requireNonNull(key, "key");
        Map<String, Object> copy = new LinkedHashMap<>(fields);
        copy.put(key, Objects.requireNonNull(value, key));
        return new Model(copy, flavors, signature);
    }

    // ---- writing ----------------------------------------------------------------------------

    /** The MLmodel text exactly as MLflow writes it ({@code Model.to_yaml()}). */
    public String toYaml() {
        return MlmodelYaml.write(this);
    }

    /** Writes only the MLmodel file ({@code dir/MLmodel}), as MLflow's {@code Model.save(path)}. */
    public void writeMlmodel(Path dir) {
        Path file = dir.resolve(ModelDirectory.MLMODEL);
        try {
            Files.createDirectories(dir);
            Files.writeString(file, toYaml(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ModelportException.badModel(e, "cannot write %s: %s", file, e.getMessage());
        }
    }

    /** {@link #save(Path, PythonEnv, InputExample)} with the default environment and no input example. */
    public Model save(Path dir) {
        return save(dir, PythonEnv.forModel(this, List.of()), null);
    }

    /** {@link #save(Path, PythonEnv, InputExample)} without an input example. */
    public Model save(Path dir, PythonEnv env) {
        return save(dir, env, null);
    }

    /**
     * Saves this model description into {@code dir} as MLflow's {@code save_model} finishes a model
     * directory: the input example ({@code input_example.json}, setting
     * {@code saved_input_example_info}), {@code model_size_bytes} (the files of the directory other
     * than MLmodel and the environment files, as MLflow counts them before writing those),
     * {@code MLmodel}, {@code conda.yaml}, {@code python_env.yaml} and {@code requirements.txt}.
     * Artifacts the flavors name must already be in {@code dir}.
     *
     * @param example the input example, or null for none (an existing {@code saved_input_example_info} is then kept)
     * @return the model as written
     */
    public Model save(Path dir, PythonEnv env, InputExample example) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(env, "env");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw ModelportException.badModel(e, "cannot create model directory %s: %s", dir, e.getMessage());
        }
        Model saved = this;
        if (example != null) {
            saved = saved.withSavedInputExampleInfo(example.save(dir));
        }
        long size = artifactSize(dir);
        if (size > 0) {
            saved = saved.withModelSizeBytes(size);
        }
        saved.writeMlmodel(dir);
        env.write(dir);
        return saved;
    }

    private Optional<String> string(String key) {
        return Optional.ofNullable(fields.get(key)).map(String::valueOf);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Model m && fields.equals(m.fields) && flavors.equals(m.flavors) && signature.equals(m.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fields, flavors, signature);
    }

    /** The bytes of every file in a model directory but MLmodel and the environment files. */
    private static long artifactSize(Path dir) {
        Set<Path> excluded = Set.of(dir.resolve(ModelDirectory.MLMODEL), dir.resolve(PythonEnv.CONDA_YAML),
                dir.resolve(PythonEnv.PYTHON_ENV_YAML), dir.resolve(PythonEnv.REQUIREMENTS_TXT),
                dir.resolve(PythonEnv.CONSTRAINTS_TXT));
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(f -> !excluded.contains(f)).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            throw ModelportException.badModel(e, "cannot measure model directory %s: %s", dir, e.getMessage());
        }
    }

    /** Python's {@code str(datetime)}: microseconds only when not zero. */
    static String pythonDatetime(LocalDateTime time) {
        String base = time.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        int micros = time.getNano() / 1000;
        return micros == 0 ? base : base + String.format(".%06d", micros);
    }

    /**
     * A deep, unmodifiable copy of a YAML value tree (nulls allowed, unlike {@code Map.copyOf}), with
     * numbers as SnakeYAML reads them back, so a saved and reloaded model equals the one saved.
     */
    private static Map<String, Object> frozenMap(Map<String, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, frozen(v)));
        return Collections.unmodifiableMap(copy);
    }

    private static Object frozen(Object value) {
        // numbers canonical as SnakeYAML reads them back: Integer when it fits, else Long; Double
        if (value instanceof Long l && l == l.intValue() || value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, frozen(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(frozen(v)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    @Override
    public String toString() {
        return "Model" + flavors.keySet() + signature.map(s -> " with signature").orElse("");
    }
}
