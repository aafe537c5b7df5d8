package dev.modelport.flavor.pyfunc;

import dev.modelport.ModelportException;
import dev.modelport.model.ModelDirectory;
import dev.modelport.model.PythonEnv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code --env-manager virtualenv}, as MLflow builds it: a Python of the version in
 * {@code python_env.yaml} (from pyenv or PATH), a virtualenv of it, then {@code pip install} of the
 * build dependencies and of the dependencies ({@code -r requirements.txt}) in the model directory.
 * Cached under {@code root} by the hash of {@code python_env.yaml} and {@code requirements.txt}.
 */
record VirtualenvEnvironment(Path root, Map<String, String> env) implements PythonEnvironment {
    private static final Logger LOG = Logger.getLogger(VirtualenvEnvironment.class);
    private static final String HINT = "--env-manager virtualenv builds the environment from python_env.yaml and requirements.txt";

    @Override
    public PythonCommand prepare(ModelDirectory model) {
        Path spec = model.root().resolve(PythonEnv.PYTHON_ENV_YAML);
        if (!Files.isRegularFile(spec)) {
            throw ModelportException.badModel("--env-manager virtualenv needs the model's %s, which %s does not have", PythonEnv.PYTHON_ENV_YAML,
                    model.root());
        }
        Map<?, ?> yaml = readYaml(spec);
        String version = String.valueOf(yaml.get("python"));
        Path dir = root.resolve("virtualenv-" + PythonEnvironment.contentHash(List.of(spec, model.root().resolve(PythonEnv.REQUIREMENTS_TXT))));
        Path python = dir.resolve("bin").resolve("python");
        if (!Files.exists(dir.resolve(READY_MARKER))) {
            build(model, dir, python, version, strings(yaml.get("build_dependencies")), strings(yaml.get("dependencies")));
        }
        return new PythonCommand(python.toString(), Optional.empty(), HINT + " (" + dir + ")");
    }

    private void build(ModelDirectory model, Path dir, Path python, String version, List<String> build, List<String> dependencies) {
        LOG.infof("Building the virtualenv for %s in %s (Python %s)", model.root(), dir, version);
        PythonEnvironment.deleteTree(dir);
        try {
            Files.createDirectories(root);
            String base = basePython(version, model.root());
            step(model, dir, List.of(base, "-m", "venv", dir.toString()), model.root());
            List<String> pip = List.of(python.toString(), "-m", "pip", "install", "--disable-pip-version-check");
            if (!build.isEmpty()) {
                step(model, dir, concat(pip, build), model.root());
            }
            List<String> args = dependencies.stream().flatMap(d -> Arrays.stream(d.strip().split("\\s+"))).toList();
            if (!args.isEmpty()) {
                step(model, dir, concat(pip, args), model.root());
            }
            Files.createFile(dir.resolve(READY_MARKER));
        } catch (IOException e) {
            PythonEnvironment.deleteTree(dir);
            throw ModelportException.badModel(e, "Could not build the virtualenv for %s in %s: %s", model.root(), dir, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            PythonEnvironment.deleteTree(dir);
            throw ModelportException.badModel("Interrupted while building the virtualenv for %s", model.root());
        }
    }

    private void step(ModelDirectory model, Path dir, List<String> command, Path cwd) throws IOException, InterruptedException {
        CommandRun run = CommandRun.run(command, cwd, env);
        if (!run.succeeded()) {
            PythonEnvironment.deleteTree(dir);
            throw ModelportException.badModel("Could not build the virtualenv for %s in %s: %s%s", model.root(), dir, run.failure(),
                    PipFailure.hint(run.output()));
        }
    }

    /** A Python of exactly {@code version} (pyenv's, {@code pythonX.Y}, MODELPORT_PYTHON, python3), else one of the same X.Y. */
    private String basePython(String version, Path cwd) throws IOException, InterruptedException {
        String minor = version.chars().filter(c -> c == '.').count() >= 2 ? version.substring(0, version.lastIndexOf('.')) : version;
        Set<String> candidates = new LinkedHashSet<>();
        Path pyenvRoot = Optional.ofNullable(env.get("PYENV_ROOT")).map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".pyenv"));
        Path pyenvPython = pyenvRoot.resolve("versions").resolve(version).resolve("bin").resolve("python");
        if (Files.isExecutable(pyenvPython)) {
            candidates.add(pyenvPython.toString());
        }
        PythonEnvironment.onPath("python" + minor, env).ifPresent(p -> candidates.add(p.toString()));
        Optional.ofNullable(env.get("MODELPORT_PYTHON")).filter(s -> !s.isBlank()).ifPresent(candidates::add);
        PythonEnvironment.onPath("python3", env).ifPresent(p -> candidates.add(p.toString()));
        String sameMinor = null;
        List<String> seen = new ArrayList<>();
        for (String candidate : candidates) {
            CommandRun run;
            try {
                run = CommandRun.run(List.of(candidate, "--version"), cwd, Map.of());
            } catch (IOException e) {
                continue;
            }
            String found = run.output().strip().replace("Python ", "");
            seen.add(candidate + " (" + found + ")");
            if (found.equals(version)) {
                return candidate;
            }
            if (sameMinor == null && (found + ".").startsWith(minor + ".")) {
                sameMinor = candidate;
            }
        }
        if (sameMinor != null) {
            LOG.warnf("No Python %s found; building the virtualenv with %s of the same minor version", version, sameMinor);
            return sameMinor;
        }
        throw ModelportException.badModel("The model needs Python %s (python_env.yaml) and none was found: tried %s. Install it (e.g. `pyenv install %s`)",
                version, seen.isEmpty() ? "nothing runnable" : String.join(", ", seen), version);
    }

    static Map<?, ?> readYaml(Path file) {
        try {
            Object yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
            if (yaml instanceof Map<?, ?> map) {
                return map;
            }
            throw ModelportException.badModel("%s is not a YAML mapping", file);
        } catch (IOException | RuntimeException e) {
            if (e instanceof ModelportException m) {
                throw m;
            }
            throw ModelportException.badModel(e, "Cannot read %s: %s", file, e.getMessage());
        }
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
