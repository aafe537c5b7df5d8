package dev.modelport.flavor.pyfunc;

import dev.modelport.ModelportException;
import dev.modelport.model.ModelDirectory;
import dev.modelport.model.PythonEnv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * {@code --env-manager conda}, as MLflow builds it: {@code conda env create} from the model's
 * {@code conda.yaml}, with the conda of {@code MLFLOW_CONDA_HOME} or the one on PATH. Cached under
 * {@code root} by the hash of {@code conda.yaml}.
 */
record CondaEnvironment(Path root, Map<String, String> env) implements PythonEnvironment {
    private static final Logger LOG = Logger.getLogger(CondaEnvironment.class);

    @Override
    public PythonCommand prepare(ModelDirectory model) {
        Path spec = model.root().resolve(PythonEnv.CONDA_YAML);
        if (!Files.isRegularFile(spec)) {
            throw ModelportException.badModel("--env-manager conda needs the model's %s, which %s does not have", PythonEnv.CONDA_YAML, model.root());
        }
        String conda = conda().orElseThrow(() -> ModelportException.badModel(
                "--env-manager conda needs conda, and there is none: not on PATH%s. Install Miniconda/Miniforge or use --env-manager virtualenv or local",
                env.containsKey("MLFLOW_CONDA_HOME") ? " nor in MLFLOW_CONDA_HOME/bin (" + env.get("MLFLOW_CONDA_HOME") + ")" : " and MLFLOW_CONDA_HOME is not set"));
        Path dir = root.resolve("conda-" + PythonEnvironment.contentHash(List.of(spec)));
        if (!Files.exists(dir.resolve(READY_MARKER))) {
            build(model, conda, spec, dir);
        }
        return new PythonCommand(dir.resolve("bin").resolve("python").toString(), Optional.empty(),
                "--env-manager conda builds the environment from conda.yaml (" + dir + ")");
    }

    private Optional<String> conda() {
        Optional<Path> home = Optional.ofNullable(env.get("MLFLOW_CONDA_HOME")).map(h -> Path.of(h, "bin", "conda")).filter(Files::isExecutable);
        return home.or(() -> PythonEnvironment.onPath("conda", env)).map(Path::toString);
    }

    private void build(ModelDirectory model, String conda, Path spec, Path dir) {
        LOG.infof("Building the conda environment for %s in %s", model.root(), dir);
        PythonEnvironment.deleteTree(dir);
        try {
            Files.createDirectories(root);
            CommandRun run = CommandRun.run(List.of(conda, "env", "create", "--prefix", dir.toString(), "--file", spec.toString()), model.root(), env);
            if (!run.succeeded()) {
                PythonEnvironment.deleteTree(dir);
                throw ModelportException.badModel("Could not build the conda environment for %s in %s: %s%s", model.root(), dir, run.failure(),
                        PipFailure.hint(run.output()));
            }
            Files.createFile(dir.resolve(READY_MARKER));
        } catch (IOException e) {
            PythonEnvironment.deleteTree(dir);
            throw ModelportException.badModel(e, "Could not build the conda environment for %s in %s: %s", model.root(), dir, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            PythonEnvironment.deleteTree(dir);
            throw ModelportException.badModel("Interrupted while building the conda environment for %s", model.root());
        }
    }
}
