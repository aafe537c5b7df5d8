package dev.modelport.flavor.pyfunc;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.model.ModelDirectory;
import dev.modelport.testing.Fixtures;
import dev.modelport.testing.TestResources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The test model {@code pyfunc/behaviour_model} (a custom loader module whose {@code action}
 * column picks what predict does), the Python the build names, and MLflow's own answers for it.
 */
final class BehaviourModel {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BehaviourModel() {
    }

    static ModelDirectory dir() {
        return ModelDirectory.open(TestResources.path("pyfunc/behaviour_model"));
    }

    /** The environment the build gives tests: MODELPORT_PYTHON and MODELPORT_PYTHONPATH (else Debian's Python and the shared MLflow). */
    static Map<String, String> env() {
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.putIfAbsent("MODELPORT_PYTHON", "/usr/bin/python3");
        env.putIfAbsent("MODELPORT_PYTHONPATH", Fixtures.mlflowSource().toString());
        return env;
    }

    static String python() {
        return env().get("MODELPORT_PYTHON");
    }

    /** {@code {"dataframe_split": {"columns": ["action"], "data": [[action]]}}} plus extra top-level JSON, e.g. params. */
    static String request(String action, String extra) {
        return "{\"dataframe_split\": {\"columns\": [\"action\"], \"data\": [[\"" + action + "\"]]}" + extra + "}";
    }

    /** What MLflow's scoring server ({@code scoring_server.invocations}) answers for each JSON body, run in real MLflow. */
    static List<String> mlflowAnswers(Path modelDir, List<String> bodies) {
        try {
            Path script = TestResources.path("pyfunc/mlflow_answers.py");
            ProcessBuilder builder = new ProcessBuilder(python(), script.toString(), modelDir.toString());
            builder.environment().put("PYTHONPATH", Optional.ofNullable(env().get("MODELPORT_PYTHONPATH")).orElse(""));
            builder.redirectError(ProcessBuilder.Redirect.INHERIT);
            Process process = builder.start();
            process.getOutputStream().write(JSON.writeValueAsBytes(bodies));
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("the MLflow oracle failed (exit " + process.exitValue() + ")");
            }
            return List.of(JSON.readValue(out, String[].class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A model directory in {@code root} whose loader module is {@code source}. */
    static ModelDirectory loaderModel(Path root, String module, String source) throws IOException {
        Files.createDirectories(root.resolve("code"));
        Files.writeString(root.resolve("code").resolve(module + ".py"), source);
        Files.writeString(root.resolve("MLmodel"), "flavors:\n  python_function:\n    code: code\n    loader_module: " + module
                + "\nmlflow_version: 2.12.2.dev0\n");
        return ModelDirectory.open(root);
    }
}
