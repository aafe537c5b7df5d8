package dev.modelport.flavor.pyfunc;

import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run a Python that can load the model: the interpreter, what to put in front of
 * {@code PYTHONPATH}, and a hint for the user when it fails.
 *
 * @param executable     the interpreter, a path or a name looked up on {@code PATH}
 * @param pythonPathHead prepended to the inherited {@code PYTHONPATH}, when present
 * @param hint           what to check when this Python cannot run the worker
 */
record PythonCommand(String executable, Optional<String> pythonPathHead, String hint) {
    PythonCommand {
        Objects.requireNonNull(executable, "executable");
        Objects.requireNonNull(pythonPathHead, "pythonPathHead");
        Objects.requireNonNull(hint, "hint");
    }

    /** The worker's command line: unbuffered Python running {@code script} on {@code modelDir}. */
    List<String> command(Path script, Path modelDir) {
        return List.of(executable, "-u", script.toString(), modelDir.toString());
    }

    /** The variables to change in the inherited environment {@code inherited}. */
    Map<String, String> environment(Map<String, String> inherited) {
        Map<String, String> changes = new HashMap<>();
        pythonPathHead.ifPresent(head -> {
            String rest = inherited.get("PYTHONPATH");
            changes.put("PYTHONPATH", rest == null || rest.isEmpty() ? head : head + File.pathSeparator + rest);
        });
        return changes;
    }
}
