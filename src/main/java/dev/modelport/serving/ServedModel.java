package dev.modelport.serving;

import dev.modelport.ErrorCode;
import dev.modelport.ModelportException;
import dev.modelport.flavor.EnvManager;
import dev.modelport.flavor.Flavors;
import dev.modelport.flavor.LoadOptions;
import dev.modelport.model.InputExample;
import dev.modelport.model.ModelDirectory;
import dev.modelport.scoring.ScoringProtocol;
import dev.modelport.scoring.ScoringResponse;
import dev.modelport.scoring.ScoringService;
import dev.modelport.store.BundledModel;
import dev.modelport.store.ModelUris;
import dev.modelport.store.MountedModel;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * The model this server serves. Loading runs off the start-up thread so the port accepts
 * connections at once (SageMaker wants that within 250 ms) while {@code /ping} says 503.
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
            Thread.ofPlatform().name("model-loader").daemon().start(this::load);
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

    /** Completes with Ready or Failed once loading has ended. */
    public CompletableFuture<ModelState> loaded() {
        return loaded;
    }

    /** True when the model failed to load; the serve command then exits non-zero. */
    public boolean failed() {
        return state instanceof ModelState.Failed;
    }

    private void load() {
        long start = System.nanoTime();
        try {
            ModelDirectory dir = config.modelUri().map(ModelUris.local()::resolve)
                    .or(() -> config.mountedModelDir().map(mount -> MountedModel.find(Path.of(mount))))
                    .orElseGet(BundledModel::extract);
            LoadOptions options = new LoadOptions(config.workers().orElse(1), EnvManager.parse(config.envManager()));
            ScoringService scoring = ScoringService.open(dir, Flavors.installed(), config.flavor(), options,
                    ScoringProtocol.fromSetting(config.scoringProtocol()));
            Optional<InputExample> example = InputExample.load(dir, scoring.model());
            example.ifPresent(e -> warmUp(scoring, e));
            settle(new ModelState.Ready(scoring, example));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            metrics.modelLoaded(took);
            LOG.infof("Serving %s: ready in %d ms", dir.root(), took.toMillis());
        } catch (ModelportException e) {
            fail(e);
        } catch (RuntimeException e) {
            fail(new ModelportException(ErrorCode.INTERNAL_ERROR, "Unexpected failure loading the model: " + e, e));
        }
    }

    private static void warmUp(ScoringService scoring, InputExample example) {
        ScoringResponse response = scoring.score("application/json", example.toRequestJson().getBytes(StandardCharsets.UTF_8));
        if (response.status() >= 400) {
            LOG.warnf("The model's input example does not score (%d): %s", response.status(), response.bodyText());
        }
    }

    private void stopAccepting() {
        stopping = true;
        LOG.info("Shutting down: requests in flight finish, new ones get 503");
    }

    /** True once SIGTERM arrived: the server drains (see {@link DrainFilter}) and readiness is down. */
    boolean stopping() {
        return stopping;
    }

    private void settle(ModelState outcome) {
        state = outcome;
        loaded.complete(outcome);
    }

    private void fail(ModelportException e) {
        settle(new ModelState.Failed(e));
        LOG.errorf("Cannot serve the model: %s", e.getMessage());
        Quarkus.asyncExit(1);
    }
}
