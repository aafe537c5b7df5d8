package dev.modelport.serving;

import dev.modelport.ErrorCode;
import dev.modelport.ModelportException;
import dev.modelport.data.parallel.SpareCores;
import dev.modelport.flavor.EnvManager;
import dev.modelport.flavor.Flavors;
import dev.modelport.flavor.LoadOptions;
import dev.modelport.model.InputExample;
import dev.modelport.model.ModelDirectory;
import dev.modelport.data.codec.ScoringProtocol;
import dev.modelport.scoring.ScoringResponse;
import dev.modelport.scoring.ScoringService;
import dev.modelport.store.BundledModel;
import dev.modelport.store.ModelUris;
import dev.modelport.store.MountedModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Loading and warming the served model on a thread of its own, ending in {@link ModelState.Ready}
 * or {@link ModelState.Failed}. The serve commands start it before Quarkus boots
 * ({@link #startEarly}), so the model loads beside Quarkus' own start-up instead of after it;
 * {@link ServedModel} takes that loading over when it was started for the same settings, and
 * starts one itself otherwise (in tests, or when the configuration said something else).
 */
public final class ModelLoading {
    private static final Logger LOG = Logger.getLogger(ModelLoading.class);
    private static final AtomicReference<ModelLoading> EARLY = new AtomicReference<>();

    /** What to load and how: the serving settings the load depends on. */
    public record Settings(Optional<String> modelUri, Optional<String> mountedModelDir, OptionalInt workers, String envManager,
            Optional<String> flavor, String scoringProtocol, int spareCores) {

        /** The cores one request may spread over: {@code cores}, else the machine's, at most {@code workers}; 1 when not {@code enabled}. */
        public static int spareCores(boolean enabled, OptionalInt cores, OptionalInt workers) {
            int machine = Runtime.getRuntime().availableProcessors();
            return enabled ? Math.max(1, cores.orElse(Math.min(machine, workers.orElse(machine)))) : 1;
        }
    }

    private final Settings settings;
    private final long startNanos = System.nanoTime();
    private volatile Duration took;
    private final CompletableFuture<ModelState> outcome = new CompletableFuture<>();

    private ModelLoading(Settings settings) {
        this.settings = settings;
        Thread.ofPlatform().name("model-loader").daemon().start(this::load);
    }

    /** Starts loading now, for the {@link ServedModel} of the server about to boot. */
    public static void startEarly(Settings settings) {
        EARLY.set(new ModelLoading(settings));
    }

    /** The loading started early for these settings, else a new one; an early one for other settings is closed. */
    static ModelLoading takeOrStart(Settings settings) {
        ModelLoading early = EARLY.getAndSet(null);
        if (early != null && early.settings.equals(settings)) {
            return early;
        }
        if (early != null) {
            early.outcome.thenAccept(ModelLoading::close);
        }
        return new ModelLoading(settings);
    }

    /** Completes with Ready or Failed. */
    CompletableFuture<ModelState> outcome() {
        return outcome;
    }

    /** How long loading took, once it has ended. */
    Duration took() {
        return took;
    }

    private void load() {
        try {
            ModelDirectory dir = settings.modelUri().map(ModelUris.local()::resolve)
                    .or(() -> settings.mountedModelDir().map(mount -> MountedModel.find(Path.of(mount))))
                    .orElseGet(BundledModel::extract);
            // the python_function flavor's worker processes: one unless asked, as MLflow
            LoadOptions options = new LoadOptions(settings.workers().orElse(1), EnvManager.parse(settings.envManager()),
                    new SpareCores(settings.spareCores()));
            ScoringService scoring = ScoringService.open(dir, Flavors.installed(), settings.flavor(), options,
                    ScoringProtocol.fromSetting(settings.scoringProtocol()));
            Optional<InputExample> example = InputExample.load(dir, scoring.model());
            example.ifPresent(e -> warmUp(scoring, e));
            end(new ModelState.Ready(scoring, example));
            LOG.infof("Serving %s: ready in %d ms", dir.root(), took.toMillis());
        } catch (ModelportException e) {
            fail(e.code() == ErrorCode.MODEL_LOAD_FAILED ? e : new ModelportException(ErrorCode.MODEL_LOAD_FAILED, e.getMessage(), e));
        } catch (RuntimeException e) {
            fail(new ModelportException(ErrorCode.MODEL_LOAD_FAILED, "Unexpected failure loading the model: " + e, e));
        }
    }

    /** Every load failure ends as MODEL_LOAD_FAILED, whatever its cause (a missing path, a refused pickle). */
    private void fail(ModelportException e) {
        LOG.errorf("Cannot serve the model: %s: %s", e.code(), e.getMessage());
        end(new ModelState.Failed(e));
    }

    private void end(ModelState state) {
        took = Duration.ofNanos(System.nanoTime() - startNanos);
        outcome.complete(state);
    }

    private static void warmUp(ScoringService scoring, InputExample example) {
        ScoringResponse response = scoring.score("application/json", example.toRequestJson().getBytes(StandardCharsets.UTF_8));
        if (response.status() >= 400) {
            LOG.warnf("The model's input example does not score (%d): %s", response.status(), response.bodyText());
        }
    }

    private static void close(ModelState state) {
        if (state instanceof ModelState.Ready ready) {
            ready.scoring().close();
        }
    }
}
