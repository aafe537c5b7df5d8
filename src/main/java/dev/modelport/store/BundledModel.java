package dev.modelport.store;

import dev.modelport.ErrorCode;
import dev.modelport.ModelportException;
import dev.modelport.TempDirectories;
import dev.modelport.model.ModelDirectory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * A model shipped inside the application as classpath resources, materialised as a model
 * directory at run time. The files are listed in an index resource (one relative path a line), so
 * nothing scans the classpath; every listed name is checked to stay inside the target directory.
 * {@link #example()} is the bundled example: MLflow's scikit-learn logistic regression on iris.
 */
public final class BundledModel {
    private static final Logger LOG = Logger.getLogger(BundledModel.class);
    private static final BundledModel EXAMPLE = new BundledModel(BundledModel.class.getClassLoader(), "example-model", "example-model.files");

    private final ClassLoader loader;
    private final String resourceDir;
    private final String indexResource;

    BundledModel(ClassLoader loader, String resourceDir, String indexResource) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.resourceDir = Objects.requireNonNull(resourceDir, "resourceDir");
        this.indexResource = Objects.requireNonNull(indexResource, "indexResource");
    }

    /** The bundled example model (sklearn logistic regression on iris, saved by MLflow 2.12). */
    public static BundledModel example() {
        return EXAMPLE;
    }

    /** Extracts the bundled example into a new temporary directory. */
    public static ModelDirectory extract() {
        return EXAMPLE.extractToTemp();
    }

    /** Extracts this model into a new temporary directory, deleted when the JVM exits (or by the next start, if it was killed). */
    public ModelDirectory extractToTemp() {
        try {
            return extractTo(TempDirectories.createOwned("modelport-" + resourceDir + "-"));
        } catch (IOException e) {
            throw new ModelportException(ErrorCode.INTERNAL_ERROR, "cannot create a directory for the bundled model: " + e.getMessage(), e);
        }
    }

    /** Extracts this model into {@code dir} (created if needed; listed files are overwritten). */
    public ModelDirectory extractTo(Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        List<String> files = files();
        try {
            Files.createDirectories(root);
            for (String name : files) {
                Path target = safeTarget(root, name);
                Files.createDirectories(target.getParent());
                try (InputStream in = open(resourceDir + "/" + name)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new ModelportException(ErrorCode.INTERNAL_ERROR, "cannot extract the bundled model to " + root + ": " + e.getMessage(), e);
        }
        LOG.debugf("Extracted bundled model %s (%d files) to %s", resourceDir, files.size(), root);
        return ModelDirectory.open(root);
    }

    /** The relative file names the index lists. */
    public List<String> files() {
        List<String> names = new ArrayList<>();
        try (InputStream in = open(indexResource);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new ModelportException(ErrorCode.INTERNAL_ERROR, "cannot read " + indexResource + ": " + e.getMessage(), e);
        }
        return List.copyOf(names);
    }

    /** Where a listed name goes; refuses names that would leave {@code root}. */
    static Path safeTarget(Path root, String name) {
        boolean suspicious = name.startsWith("/") || name.contains("\\") || name.contains(":")
                || List.of(name.split("/")).stream().anyMatch(s -> s.equals("..") || s.isEmpty());
        Path target = root.resolve(name).normalize();
        if (suspicious || !target.startsWith(root) || target.equals(root)) {
            throw new ModelportException(ErrorCode.INTERNAL_ERROR, "refusing to extract '" + name + "': it is not a plain relative path inside " + root);
        }
        return target;
    }

    private InputStream open(String resource) {
        InputStream in = loader.getResourceAsStream(resource);
        if (in == null) {
            throw new ModelportException(ErrorCode.INTERNAL_ERROR, "bundled resource " + resource + " is missing from the application");
        }
        return in;
    }
}
