package dev.modelport.store;

import dev.modelport.ErrorCode;
import dev.modelport.ModelportException;
import dev.modelport.model.ModelDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The one MLflow model inside a directory a platform mounted. Azure ML points
 * {@code AZUREML_MODEL_DIR} at the model root, which holds the registered artifacts
 * ({@code <model-name>/<version>/…/MLmodel}).
 */
public final class MountedModel {
    /** How deep below the mount an MLmodel file is looked for. */
    static final int MAX_DEPTH = 6;

    private MountedModel() {
    }

    /** The model directory {@code mount} is, or the only one below it. */
    public static ModelDirectory find(Path mount) {
        Path root = mount.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new ModelportException(ErrorCode.RESOURCE_DOES_NOT_EXIST, "Mounted model directory " + root + " does not exist");
        }
        if (Files.isRegularFile(root.resolve(ModelDirectory.MLMODEL))) {
            return ModelDirectory.open(root);
        }
        List<Path> found = mlmodelFiles(root);
        return switch (found.size()) {
            case 0 -> throw ModelportException.badModel("no %s file in %s or its subdirectories (down to %d levels)",
                    ModelDirectory.MLMODEL, root, MAX_DEPTH);
            case 1 -> ModelDirectory.open(found.get(0).getParent());
            default -> throw ModelportException.badModel("%s holds %d models (%s); name one with -m, or with MLFLOW_MODEL_FOLDER under AZUREML_MODEL_DIR", root,
                    found.size(), found.stream().map(p -> root.relativize(p.getParent()).toString()).toList());
        };
    }

    private static List<Path> mlmodelFiles(Path root) {
        try (Stream<Path> files = Files.find(root, MAX_DEPTH,
                (path, attributes) -> attributes.isRegularFile() && path.getFileName().toString().equals(ModelDirectory.MLMODEL))) {
            return files.sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw ModelportException.badModel("cannot search %s for a model: %s", root, e.getMessage());
        }
    }
}
