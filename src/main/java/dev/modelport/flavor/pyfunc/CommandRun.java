package dev.modelport.flavor.pyfunc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A finished setup command (creating an environment, installing packages): its exit code and
 * output, stdout and stderr merged.
 */
record CommandRun(List<String> command, int exitCode, String output) {
    private static final long TIMEOUT_MINUTES = 30;

    /** Runs {@code command} in {@code dir} with {@code env} added to the inherited environment. */
    static CommandRun run(List<String> command, Path dir, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return new CommandRun(command, -1, new String(output, StandardCharsets.UTF_8) + "\n(killed after " + TIMEOUT_MINUTES + " minutes)");
        }
        return new CommandRun(command, process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    boolean succeeded() {
        return exitCode == 0;
    }

    /** The last lines of the output, for an error message. */
    String tail(int lines) {
        List<String> all = output.strip().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** {@code `cmd args` failed (exit N): last lines}. */
    String failure() {
        return "`" + String.join(" ", command) + "` failed (exit " + exitCode + "):\n" + tail(15);
    }
}
