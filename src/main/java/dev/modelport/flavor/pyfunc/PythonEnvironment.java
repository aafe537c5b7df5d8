package dev.modelport.flavor.pyfunc;

import dev.modelport.ModelportException;
import dev.modelport.flavor.EnvManager;
import dev.modelport.model.ModelDirectory;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the Python that loads a model comes from, as MLflow's {@code --env-manager}: the local
 * Python, or an environment built from the model's own files and cached under
 * {@code ~/.modelport/envs} (env {@code MODELPORT_ENVS_DIR}) by the hash of those files.
 */
sealed interface PythonEnvironment permits PythonEnvironment.Local, VirtualenvEnvironment, CondaEnvironment {
    /** Marks a finished environment; one without it is rebuilt. */
    String READY_MARKER = ".modelport-ready";

    /** The Python to run the model's worker with, building its environment first when needed. */
    PythonCommand prepare(ModelDirectory model);

    static PythonEnvironment of(EnvManager manager, Map<String, String> env) {
        return switch (manager) {
            case LOCAL -> new Local(env);
            case VIRTUALENV -> new VirtualenvEnvironment(envsRoot(env), env);
            case CONDA -> new CondaEnvironment(envsRoot(env), env);
        };
    }

    private static Path envsRoot(Map<String, String> env) {
        return Optional.ofNullable(env.get("MODELPORT_ENVS_DIR")).map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".modelport", "envs"));
    }

    /** {@code local}: {@code MODELPORT_PYTHON}, else {@code python3} on PATH, with {@code MODELPORT_PYTHONPATH} in front of PYTHONPATH. */
    record Local(Map<String, String> env) implements PythonEnvironment {
        @Override
        public PythonCommand prepare(ModelDirectory model) {
            String python = Optional.ofNullable(env.get("MODELPORT_PYTHON")).filter(s -> !s.isBlank()).orElse("python3");
            return new PythonCommand(python, Optional.ofNullable(env.get("MODELPORT_PYTHONPATH")).filter(s -> !s.isBlank()),
                    "--env-manager local runs the Python named by MODELPORT_PYTHON, else python3 on PATH; it must import mlflow"
                            + " (MODELPORT_PYTHONPATH is put in front of PYTHONPATH)");
        }
    }

    /** The first 16 hex digits of the SHA-256 of the given files' contents (absent files count as empty). */
    static String contentHash(List<Path> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path file : files) {
                sha.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                if (Files.isRegularFile(file)) {
                    sha.update(Files.readAllBytes(file));
                }
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Removes a half-built environment so the next start builds it afresh. */
    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw ModelportException.badModel(e, "Could not remove the unfinished environment %s: %s", root, e.getMessage());
        }
    }

    /** The executable {@code name} in a directory of {@code PATH}, if any. */
    static Optional<Path> onPath(String name, Map<String, String> env) {
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
