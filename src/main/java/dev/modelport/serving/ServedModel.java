package dev.modelport.serving;

import dev.modelport.scoring.ErrorResponses;
import dev.modelport.scoring.ScoringResponse;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * The model this server serves. Loading ({@link ModelLoading}) runs off the start-up thread so the
 * port accepts connections at once (SageMaker wants that within 250 ms) while {@code /ping} says 503.
 */
@Singleton
public class ServedModel {
    private static final Logger LOG = Logger.getLogger(ServedModel.class);

    private final ServingConfig config;
    private final ServingMetrics metrics;
    private volatile ModelState state = new ModelState.Loading();
    private volatile boolean stopping;
    private final CompletableFuture<ModelState> loaded = new CompletableFuture<>();

    ServedModel(ServingConfig config, ServingMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.serve()) {
            ModelLoading loading = ModelLoading.takeEarlyOrStart(config);
            loading.outcome().thenAccept(outcome -> settle(outcome, loading.took()));
            // runs beside Quarkus' own shutdown hook, which waits for the requests in flight; new ones get 503 meanwhile
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("stop-accepting").unstarted(this::stopAccepting));
        }
    }

    /** Stops what the model runs on (Python workers) when the server stops. */
    void onStop(@Observes ShutdownEvent event) {
        if (state instanceof ModelState.Ready ready) {
            ready.scoring().close();
        }
    }

    ModelState state() {
        return state;
    }

    /** The 503 answered in {@code state}, which is not Ready: loading, or failed to load (MODEL_LOAD_FAILED). */
    static ScoringResponse notReady(ModelState state) {
        return ErrorResponses.notReady(switch (state) {
            case ModelState.Failed failed -> Optional.of(failed.reason());
            case ModelState.Loading loading -> Optional.empty();
            case ModelState.Ready ready -> throw new IllegalArgumentException("the model is ready");
        });
    }

    /** Completes with Ready or Failed once loading has ended. */
    public CompletableFuture<ModelState> loaded() {
        return loaded;
    }

    /** True when the model failed to load; the serve command then exits non-zero. */
    public boolean failed() {
        return state instanceof ModelState.Failed;
    }

    private void stopAccepting() {
        stopping = true;
        LOG.info("Shutting down: requests in flight finish, new ones get 503");
    }

    /** True once SIGTERM arrived: the server drains (see {@link DrainFilter}) and readiness is down. */
    boolean stopping() {
        return stopping;
    }

    private void settle(ModelState outcome, Duration took) {
        state = outcome;
        loaded.complete(outcome);
        switch (outcome) {
            case ModelState.Ready ready -> metrics.modelLoaded(took);
            case ModelState.Failed failed -> Quarkus.asyncExit(1);
            case ModelState.Loading loading -> throw new IllegalStateException("loading ends Ready or Failed");
        }
    }
}
