package dev.modelport.model;

import dev.modelport.ModelportException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** Reads and writes the MLmodel YAML file. */
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

    /**
     * The MLmodel text as MLflow's {@code Model.to_yaml()} writes it: {@code yaml.safe_dump(to_dict(),
     * default_flow_style=False)}, so every mapping sorted by key, block style, ASCII only, lines
     * folded at 80 columns; the signature rewritten from the typed {@link ModelSignature};
     * {@code artifact_path}/{@code run_id} left out when unset, {@code model_uuid} always present.
     */
    static String write(Model model) {
        Map<String, Object> dict = new LinkedHashMap<>(model.fields());
        dict.put("flavors", model.flavors());
        model.signature().ifPresent(s -> dict.put("signature", SignatureJson.toDict(s)));
        dict.putIfAbsent("model_uuid", null);
        for (String dropWhenNull : new String[] {"artifact_path", "run_id", "mlflow_version"}) {
            if (dict.containsKey(dropWhenNull) && dict.get(dropWhenNull) == null) {
                dict.remove(dropWhenNull);
            }
        }
        return dump(dict);
    }

    /** {@code yaml.safe_dump(value, default_flow_style=False)} with its default {@code sort_keys=True}. */
    static String dump(Object value) {
        return yaml().dump(sorted(value));
    }

    /** {@code yaml.safe_dump(value, sort_keys=False, default_flow_style=False)}. */
    static String dumpUnsorted(Object value) {
        return yaml().dump(value);
    }

    private static Yaml yaml() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setAllowUnicode(false);
        options.setWidth(80);
        options.setIndent(2);
        options.setSplitLines(true);
        options.setExplicitStart(false);
        return new Yaml(options);
    }

    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), sorted(v)));
            return new LinkedHashMap<>(sorted);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(sorted(v)));
            return copy;
        }
        return value;
    }
}
