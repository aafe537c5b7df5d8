package dev.modelport.model;

import dev.modelport.ModelportException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** A model directory on disk (the folder that holds {@code MLmodel}). */
public record ModelDirectory(Path root) {
    public static final String MLMODEL = "MLmodel";

    public ModelDirectory {
        root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    /** The MLmodel file of this directory. */
    public Path mlmodelFile() {
        return root.resolve(MLMODEL);
    }

    /**
     * A file named by the MLmodel (e.g. {@code model.pkl}), resolved inside this directory; a path
     * that would leave the directory is refused, since MLmodel files may come from anywhere.
     */
    public Path resolve(String relative) {
        Path resolved = root.resolve(relative).normalize();
        if (!resolved.startsWith(root)) {
            throw ModelportException.badModel("%s names %s, which is outside the model directory %s", MLMODEL, relative, root);
        }
        return resolved;
    }

    /** Opens a model directory, refusing a folder without an MLmodel file. */
    public static ModelDirectory open(Path dir) {
        ModelDirectory directory = new ModelDirectory(dir);
        if (!Files.isRegularFile(directory.mlmodelFile())) {
            throw ModelportException.badModel("no %s file in %s", MLMODEL, directory.root());
        }
        return directory;
    }
}
