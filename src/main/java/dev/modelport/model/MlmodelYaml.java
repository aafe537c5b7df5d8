package dev.modelport.model;

import dev.modelport.ModelportException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** Reads the MLmodel YAML file. */
final class MlmodelYaml {
    private MlmodelYaml() {
    }

    static Model read(Path dirOrFile) {
        Path file = Files.isDirectory(dirOrFile) ? dirOrFile.resolve(ModelDirectory.MLMODEL) : dirOrFile;
        if (!Files.isRegularFile(file)) {
            throw ModelportException.badModel("no %s file in %s", ModelDirectory.MLMODEL,
                    Files.isDirectory(dirOrFile) ? dirOrFile : dirOrFile.getParent());
        }
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw ModelportException.badModel(e, "cannot read %s: %s", file, e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    static Model parse(String text, String source) {
        Object root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(50);
            options.setCodePointLimit(16 * 1024 * 1024);
            root = new Yaml(new SafeConstructor(options)).load(text);
        } catch (YAMLException e) {
            throw ModelportException.badModel("%s is not valid YAML: %s", source, e.getMessage());
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw ModelportException.badModel("%s: expected a YAML mapping at the top level, got %s", source,
                    root == null ? "an empty file" : root.getClass().getSimpleName());
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        map.forEach((k, v) -> fields.put(String.valueOf(k), v));
        Object flavorsField = fields.remove("flavors");
        if (flavorsField == null) {
            throw ModelportException.badModel("%s: field 'flavors' is missing; every MLflow model names at least one flavor", source);
        }
        if (!(flavorsField instanceof Map<?, ?> flavorMap)) {
            throw ModelportException.badModel("%s: field 'flavors' must be a mapping of flavor name to configuration", source);
        }
        Map<String, Map<String, Object>> flavors = new LinkedHashMap<>();
        flavorMap.forEach((name, config) -> {
            if (config != null && !(config instanceof Map)) {
                throw ModelportException.badModel("%s: field 'flavors.%s' must be a mapping, got %s", source, name, config);
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            if (config != null) {
                ((Map<Object, Object>) config).forEach((k, v) -> copy.put(String.valueOf(k), v));
            }
            flavors.put(String.valueOf(name), copy);
        });
        for (String key : new String[] {"model_size_bytes"}) {
            Object value = fields.get(key);
            if (value != null && !(value instanceof Number)) {
                throw ModelportException.badModel("%s: field '%s' must be a number, got '%s'", source, key, value);
            }
        }
        for (String key : new String[] {"saved_input_example_info", "metadata"}) {
            Object value = fields.get(key);
            if (value != null && !(value instanceof Map)) {
                throw ModelportException.badModel("%s: field '%s' must be a mapping, got '%s'", source, key, value);
            }
        }
        Object signature = fields.remove("signature");
        return new Model(fields, flavors, new SignatureJson(source).parse(signature));
    }
}
