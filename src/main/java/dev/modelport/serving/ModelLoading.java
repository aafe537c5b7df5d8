package dev.modelport.serving;

import dev.modelport.ErrorCode;
import dev.modelport.ModelportException;
import dev.modelport.data.parallel.SpareCores;
import dev.modelport.data.parallel.SplitThresholds;
import dev.modelport.flavor.Flavors;
import dev.modelport.flavor.LoadOptions;
import dev.modelport.model.InputExample;
import dev.modelport.model.ModelDirectory;
import dev.modelport.scoring.ScoringResponse;
import dev.modelport.scoring.ScoringService;
import dev.modelport.store.BundledModel;
import dev.modelport.store.ModelUris;
import dev.modelport.store.MountedModel;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Loading and warming the served model on a thread of its own, ending in {@link ModelState.Ready}
 * or {@link ModelState.Failed}. The serve commands start it before Quarkus boots
 * ({@link #startEarly}), so the model loads beside Quarkus' own start-up instead of after it, and
 * {@link ServedModel} takes that loading over; without one (in tests) it starts its own.
 */
public final class ModelLoading {
    private static final Logger LOG = Logger.getLogger(ModelLoading.class);
    /**
     * The one hand-over from before Quarkus boots: the loading the serve command started, read from the
     * configuration Quarkus is about to read, taken once by the server's {@link ServedModel}.
     */
    private static final AtomicReference<ModelLoading> EARLY = new AtomicReference<>();

    private final ServingConfig config;
    private final long startNanos = System.nanoTime();
    private volatile Duration took;
    private final CompletableFuture<ModelState> outcome = new CompletableFuture<>();

    private ModelLoading(ServingConfig config) {
        this.config = config;
        Thread.ofPlatform().name("model-loader").daemon().start(this::load);
    }

    /** Starts loading now, for the {@link ServedModel} of the server about to boot, with the {@code modelport.*} configuration as set. */
    public static void startEarly() {
        startEarly(Map.of());
    }

    static void startEarly(Map<String, String> overrides) {
        EARLY.set(new ModelLoading(readConfig(overrides)));
    }

    /** The loading {@link #startEarly} started, else a new one for {@code config}. */
    static ModelLoading takeEarlyOrStart(ServingConfig config) {
        ModelLoading early = EARLY.getAndSet(null);
        return early != null ? early : new ModelLoading(config);
    }

    /**
     * {@link ServingConfig} as Quarkus will read it (system properties, environment), read before it
     * boots; {@code overrides} come first.
     */
    static ServingConfig readConfig(Map<String, String> overrides) {
        return new SmallRyeConfigBuilder()
                .addDefaultSources()
                .withSources(new PropertiesConfigSource(overrides, "overrides", Integer.MAX_VALUE))
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withMapping(ServingConfig.class)
                .withValidateUnknown(false)
                .build()
                .getConfigMapping(ServingConfig.class);
    }

    /** The spare cores {@code config} lends big requests: {@code cores}, else the machine's, at most {@code -w}; none when disabled. */
    static SpareCores spareCores(ServingConfig config) {
        ServingConfig.SpareCoresConfig spare = config.spareCores();
        int machine = Runtime.getRuntime().availableProcessors();
        int cores = spare.enabled() ? Math.max(1, spare.cores().orElse(Math.min(machine, config.workers().orElse(machine)))) : 1;
        SplitThresholds measured = SplitThresholds.MEASURED;
        return new SpareCores(cores, new SplitThresholds(
                spare.decodeInHalvesFrom().map(MemorySize::asLongValue).orElse(measured.decodeInHalvesFromBytes()),
                spare.minPartRows().orElse(measured.minPartRows()),
                spare.minPartTime().map(Duration::toNanos).orElse(measured.minPartNanos())));
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
            ModelDirectory dir = config.modelUri().map(ModelUris.local()::resolve)
                    .or(() -> config.mountedModelDir().map(mount -> MountedModel.find(Path.of(mount))))
                    .orElseGet(BundledModel::extract);
            // the python_function flavor's worker processes: one unless asked, as MLflow
            LoadOptions options = new LoadOptions(config.workers().orElse(1), config.envManager(), spareCores(config));
            ScoringService scoring = ScoringService.open(dir, Flavors.installed(), config.flavor(), options, config.scoringProtocol());
            Optional<InputExample> example = InputExample.load(dir, scoring.model());
            example.ifPresent(e -> warmUp(scoring, e));
            end(new ModelState.Ready(scoring, example));
            LOG.infof("Serving %s: ready in %d ms", dir.root(), took.toMillis());
        } catch (ModelportException e) {
            fail(ModelportException.loadFailure(e));
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
