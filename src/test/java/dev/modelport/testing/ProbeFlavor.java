package dev.modelport.testing;

import dev.modelport.ModelportException;
import dev.modelport.flavor.Flavor;
import dev.modelport.flavor.Flavors;
import dev.modelport.flavor.LoadOptions;
import dev.modelport.flavor.Predictor;
import dev.modelport.model.Model;
import dev.modelport.model.ModelDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A flavor for tests only, registered in the test class path's {@code META-INF/services}: it loads a
 * model with the real flavor its {@code modelport_probe} section names ({@code delegate}) and serves it
 * through a {@link ProbePredictor}, which records the thread of each predict and can hold it. No real
 * model has a {@code modelport_probe} section, so it never loads one; a Quarkus test serves a
 * {@link #probedCopy} of a fixture with {@code modelport.flavor=modelport_probe}.
 */
public final class ProbeFlavor implements Flavor {
    public static final String NAME = "modelport_probe";
    private static volatile ProbePredictor loaded;

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
        String delegate = String.valueOf(mlmodel.flavor(NAME).orElseThrow().get("delegate"));
        if (delegate.equals(NAME)) {
            throw ModelportException.badModel("%s cannot delegate to itself", NAME);
        }
        ProbePredictor probe = new ProbePredictor(Flavors.installed().load(dir, mlmodel, Optional.of(delegate), options));
        loaded = probe;
        return probe;
    }

    /** The predictor this flavor loaded last: in a Quarkus test, the served model's. */
    public static ProbePredictor loaded() {
        ProbePredictor probe = loaded;
        if (probe == null) {
            throw new IllegalStateException("no model was loaded with the " + NAME + " flavor");
        }
        return probe;
    }

    /**
     * A copy of fixture {@code fixture} in {@code target/probe-models} whose MLmodel adds a
     * {@code modelport_probe} section delegating to {@code delegate} (e.g. {@code sklearn}).
     */
    public static Path probedCopy(String fixture, String delegate) {
        Path source = Fixtures.modelDir(fixture);
        Path copy = Path.of("target", "probe-models", fixture).toAbsolutePath();
        try (Stream<Path> files = Files.list(source)) {
            Files.createDirectories(copy);
            for (Path file : files.filter(f -> !f.getFileName().toString().equals(ModelDirectory.MLMODEL)).toList()) {
                Files.copy(file, copy.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Model.load(source).addFlavor(NAME, Map.of("delegate", delegate)).writeMlmodel(copy);
        return copy;
    }
}
