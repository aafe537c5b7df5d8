package dev.modelport.flavor;

import dev.modelport.ModelportException;
import dev.modelport.model.Model;
import dev.modelport.model.ModelDirectory;
import java.nio.file.Path;
import java.util.Map;

/** One flavor's section of an MLmodel ({@code flavors: <name>: {...}}) and the model file its {@code data} key names. */
public record FlavorSection(String name, Map<String, Object> conf, ModelDirectory dir) {

    /** The section of flavor {@code name}; a clear error when the MLmodel has none. */
    public static FlavorSection of(ModelDirectory dir, Model mlmodel, String name) {
        Map<String, Object> conf = mlmodel.flavor(name).orElseThrow(() -> ModelportException.badModel("%s has no %s flavor", dir.root(), name));
        return new FlavorSection(name, conf, dir);
    }

    /** True when the MLmodel has flavor {@code name} and it names a data file. */
    public static boolean hasDataFile(Model mlmodel, String name) {
        return mlmodel.flavor(name).filter(conf -> conf.get("data") != null).isPresent();
    }

    /** The file the {@code data} key names, inside the model directory. */
    public Path dataFile() {
        Object data = conf.get("data");
        if (data == null) {
            throw ModelportException.badModel("the %s flavor of %s names no data file", name, dir.root());
        }
        return dir.resolve(String.valueOf(data));
    }
}
