package dev.modelport.flavor.pyfunc;

import dev.modelport.flavor.Flavor;
import dev.modelport.flavor.LoadOptions;
import dev.modelport.flavor.Predictor;
import dev.modelport.model.Model;
import dev.modelport.model.ModelDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * MLflow's {@code python_function} flavor, the fallback for every model without a native path
 * (custom {@code PythonModel}s, custom loader modules, frameworks Modelport does not evaluate):
 * long-lived Python worker processes that load the model with MLflow's own
 * {@code mlflow.pyfunc.load_model} and only predict; decoding, schema and params enforcement and
 * encoding stay in Java. The Python comes from the {@code --env-manager}.
 */
public final class PyfuncFlavor implements Flavor {
    static final String NAME = "python_function";
    private static final Logger LOG = Logger.getLogger(PyfuncFlavor.class);
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

    /** Deletes the worker script directories under {@code tmp} whose JVM ({@code modelport-python-<pid>-...}) no longer runs. */
    static void deleteStaleScriptDirs(Path tmp) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, SCRIPT_DIR + "*")) {
            for (Path dir : dirs) {
                String[] pidAndRest = dir.getFileName().toString().substring(SCRIPT_DIR.length()).split("-", 2);
                if (pidAndRest.length == 2 && !pidAndRest[0].isEmpty() && pidAndRest[0].chars().allMatch(Character::isDigit)
                        && ProcessHandle.of(Long.parseLong(pidAndRest[0])).isEmpty()) {
                    PythonEnvironment.deleteTree(dir);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debugf("Could not look for stale worker script directories in %s: %s", tmp, e.getMessage());
        }
    }

    /**
     * Copies the worker script into a private temporary directory (its directory is first on the worker's
     * sys.path), named after this JVM's pid so that the next start deletes it if this JVM is killed
     * (SIGKILL runs no {@code deleteOnExit}).
     */
    private static Path extractWorkerScript() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        deleteStaleScriptDirs(tmp);
        try (InputStream in = PyfuncFlavor.class.getResourceAsStream("/python/" + WORKER_SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException("the worker script python/" + WORKER_SCRIPT + " is missing from the application");
            }
            Path dir = Files.createTempDirectory(tmp, SCRIPT_DIR + ProcessHandle.current().pid() + "-");
            Files.copy(in, dir.resolve(WORKER_SCRIPT));
            dir.toFile().deleteOnExit();
            dir.resolve(WORKER_SCRIPT).toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot extract the Python worker script", e);
        }
    }
}
