package dev.modelport.serving;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** How the server serves its model; set by the serve commands (see {@code cli.ServeLaunch}). */
@ConfigMapping(prefix = "modelport")
public interface ServingConfig {
    String DEFAULT_SCORING_PROTOCOL = "both";
    String DEFAULT_ENV_MANAGER = "local";

    /** Load and serve a model at start-up; only the serve commands turn this on. */
    @WithDefault("false")
    boolean serve();

    /** URI of the model to serve; absent means the mounted model, else the bundled example model. */
    Optional<String> modelUri();

    /** A directory a platform mounted with one model somewhere inside (Azure ML's {@code AZUREML_MODEL_DIR}). */
    Optional<String> mountedModelDir();

    /** {@code both} (MLflow 2.x plus 1.x requests), {@code mlflow-2} or {@code mlflow-1}. */
    @WithDefault(DEFAULT_SCORING_PROTOCOL)
    String scoringProtocol();

    /** Force one flavor instead of the preferred native one. */
    Optional<String> flavor();

    /** Concurrent scoring workers; for the python_function flavor also its Python worker processes (default 1, as MLflow). */
    OptionalInt workers();

    /** Where the python_function flavor's Python comes from: {@code local}, {@code virtualenv} or {@code conda}. */
    @WithDefault(DEFAULT_ENV_MANAGER)
    String envManager();

    /** Largest request body accepted (413 above it); Quarkus' own limit must stay larger. */
    @WithDefault("100M")
    MemorySize maxBodySize();

    /** Longest a request may take before it is answered 504 DEADLINE_EXCEEDED. */
    @WithDefault("60s")
    Duration timeout();

    /** The idle cores a big request borrows: its body decoded in halves, its rows predicted in parts. */
    SpareCoresConfig spareCores();

    /** {@code modelport.spare-cores.*}. */
    interface SpareCoresConfig {
        /** Lend idle cores to big requests at all. */
        @WithDefault("true")
        boolean enabled();

        /** Cores one request may spread over, its own included; default: the machine's, at most {@code -w/--workers}. */
        OptionalInt cores();
    }
}
