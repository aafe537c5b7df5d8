package dev.modelport.serving;

import dev.modelport.data.codec.ScoringProtocol;
import dev.modelport.flavor.EnvManager;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How the server serves its model: every {@code modelport.*} key (env {@code MODELPORT_*}). The
 * serve commands translate their flags and platform variables into these keys ({@code cli.ServeLaunch}).
 */
@ConfigMapping(prefix = "modelport")
public interface ServingConfig {

    /** Load and serve a model at start-up; only the serve commands turn this on. */
    @WithDefault("false")
    boolean serve();

    /** URI of the model to serve ({@code -m}); absent means the mounted model, else the bundled example model. */
    Optional<String> modelUri();

    /** A directory a platform mounted with one model somewhere inside (Azure ML's {@code AZUREML_MODEL_DIR}). */
    Optional<String> mountedModelDir();

    /** {@code both} (MLflow 2.x plus 1.x requests), {@code mlflow-2} or {@code mlflow-1} ({@code --scoring-protocol}). */
    @WithDefault("both")
    ScoringProtocol scoringProtocol();

    /** Force one flavor instead of the preferred native one ({@code --flavor}). */
    Optional<String> flavor();

    /** Concurrent scoring threads, default one per core; for the python_function flavor also its Python worker processes, default 1 ({@code -w}). */
    OptionalInt workers();

    /** Where the python_function flavor's Python comes from: {@code local}, {@code virtualenv} or {@code conda} ({@code --env-manager}). */
    @WithDefault("local")
    EnvManager envManager();

    /** Largest request body accepted (413 above it); Quarkus' own limit must stay larger. */
    @WithDefault("100M")
    MemorySize maxBodySize();

    /** Longest a request may take before it is answered 504 DEADLINE_EXCEEDED ({@code -t}). */
    @WithDefault("60s")
    Duration timeout();

    /** Deadlines for slow clients, enforced on every connection ({@code serving.connection}). */
    HttpConfig http();

    /** {@code modelport.http.*}. */
    interface HttpConfig {
        /** How long a client has to send a request's line and headers, from their first byte; past it, 408 and the connection closed. */
        @WithDefault("10s")
        Duration headerTimeout();

        /** The slowest a body may arrive, in bytes a second, once {@code header-timeout} has passed; slower, 408 and the connection closed. */
        @WithDefault("64K")
        MemorySize minBodyRate();
    }

    /** What big requests may take of the heap together ({@link MemoryBudget}). */
    MemoryConfig memory();

    /** {@code modelport.memory.*}. */
    interface MemoryConfig {
        /** A body this large or larger reserves memory for its request; smaller ones never wait. */
        @WithDefault("1M")
        MemorySize bigBodyFrom();

        /** Memory all big requests in flight may reserve together (four times their bodies); default 60% of the heap. */
        Optional<MemorySize> budget();
    }

    /** The idle cores a big request borrows: its body decoded in halves, its rows predicted in parts. */
    SpareCoresConfig spareCores();

    /** {@code modelport.spare-cores.*}. */
    interface SpareCoresConfig {
        /** Lend idle cores to big requests at all. */
        @WithDefault("true")
        boolean enabled();

        /** Cores one request may spread over, its own included; default: the machine's, at most {@code -w/--workers}. */
        OptionalInt cores();

        /** A {@code dataframe_split} body this long or longer is decoded in two halves at once; default 128K (SplitThresholds says why). */
        Optional<MemorySize> decodeInHalvesFrom();

        /** Rows a part of a big input has at least, so inputs of twice this many are predicted in parts; default 1024. */
        OptionalInt minPartRows();

        /** The least a part takes at the model's measured pace for an input to be predicted in parts; default 0.25 ms ({@code PT0.00025S}). */
        Optional<Duration> minPartTime();
    }
}
