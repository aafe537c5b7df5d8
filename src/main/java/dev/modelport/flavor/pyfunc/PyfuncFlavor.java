package dev.modelport.flavor.pyfunc;

import dev.modelport.TempDirectories;
import dev.modelport.flavor.Flavor;
import dev.modelport.flavor.LoadOptions;
import dev.modelport.flavor.Predictor;
import dev.modelport.model.Model;
import dev.modelport.model.ModelDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * MLflow's {@code python_function} flavor, the fallback for every model without a native path
 * (custom {@code PythonModel}s, custom loader modules, frameworks Modelport does not evaluate):
 * long-lived Python worker processes that load the model with MLflow's own
 * {@code mlflow.pyfunc.load_model} and only predict; decoding, schema and params enforcement and
 * encoding stay in Java. The Python comes from the {@code --env-manager}.
 */
public final class PyfuncFlavor implements Flavor {
    static final String NAME = "python_function";
    private static final String WORKER_SCRIPT = "modelport_worker.py";
    /** The name of a worker script's directory up to its JVM's pid. */
    private static final String SCRIPT_DIR = "modelport-python-";

    private final Map<String, String> env;

    /** The flavor as ServiceLoader makes it: Python settings from the process environment. */
    public PyfuncFlavor() {
        this(System.getenv());
    }

    /** With the environment variables to read ({@code MODELPORT_PYTHON}, {@code MODELPORT_PYTHONPATH}, …) given. */
    public PyfuncFlavor(Map<String, String> env) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean canLoad(Model mlmodel) {
        return mlmodel.flavor(NAME).isPresent();
    }

    @Override
    public Predictor load(ModelDirectory dir, Model mlmodel) {
        return load(dir, mlmodel, LoadOptions.defaults());
    }

    @Override
    public Predictor load(ModelDirectory dir, Model mlmodel, LoadOptions options) {
        PythonCommand python = PythonEnvironment.of(options.envManager(), env).prepare(dir);
        Path scriptDir = extractWorkerScript();
        Path script = scriptDir.resolve(WORKER_SCRIPT);
        try {
            return WorkerPool.start(options.workers(), i -> PythonWorker.start("python-worker-" + i, python, script, dir.root()),
                    () -> PythonEnvironment.deleteTree(scriptDir));
        } catch (RuntimeException e) {
            PythonEnvironment.deleteTree(scriptDir);
            throw e;
        }
    }

    /** Copies the worker script into a private temporary directory (its directory is first on the worker's sys.path). */
    private static Path extractWorkerScript() {
        try (InputStream in = PyfuncFlavor.class.getResourceAsStream("/python/" + WORKER_SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException("the worker script python/" + WORKER_SCRIPT + " is missing from the application");
            }
            Path dir = TempDirectories.createOwned(SCRIPT_DIR);
            Files.copy(in, dir.resolve(WORKER_SCRIPT));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot extract the Python worker script", e);
        }
    }
}
