package dev.modelport.flavor.xgboost;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.ModelportException;
import dev.modelport.flavor.Flavor;
import dev.modelport.flavor.FlavorSection;
import dev.modelport.flavor.Predictor;
import dev.modelport.model.Model;
import dev.modelport.model.ModelDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Serves {@code mlflow.xgboost} models natively: the {@code data} file in the format named by
 * {@code model_format} (json, ubj, or legacy binary xgb), predicting as the flavor's pyfunc does
 * for its {@code model_class}.
 */
public final class XgboostFlavor implements Flavor {
    private static final Logger LOG = Logger.getLogger(XgboostFlavor.class);
    private static final String NAME = "xgboost";

    /** Built on first use, not when the flavors are listed at start-up: an ObjectMapper costs tens of ms on a cold JVM. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
                .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .build());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean canLoad(Model mlmodel) {
        return mlmodel.flavor(NAME)
                .filter(conf -> conf.get("data") != null)
                .filter(conf -> format(conf).isPresent())
                .filter(conf -> ModelClass.of(modelClassName(conf)).isPresent())
                .isPresent();
    }

    @Override
    public Predictor load(ModelDirectory dir, Model mlmodel) {
        FlavorSection section = FlavorSection.of(dir, mlmodel, NAME);
        Map<String, Object> conf = section.conf();
        Path file = section.dataFile();
        String format = format(conf).orElseThrow(() -> ModelportException.badModel(
                "XGBoost model_format '%s' of %s is not supported (json, ubj, xgb are)", conf.get("model_format"), dir.root()));
        ModelClass modelClass = ModelClass.of(modelClassName(conf)).orElseThrow(() -> ModelportException.badModel(
                "XGBoost model_class '%s' of %s is not supported natively", modelClassName(conf), dir.root()));
        XgboostModel model = read(file, format);
        LOG.infof("Read XGBoost %s model %s: objective=%s groups=%d features=%d", format, file.getFileName(), model.objectiveName(),
                model.groups(), model.features());
        return new XgboostPredictor(model, modelClass);
    }

    /** Reads an XGBoost model file; any defect is a {@link ModelportException} naming the file. */
    static XgboostModel read(Path file, String format) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw ModelportException.badModel(e, "cannot read XGBoost model %s: %s", file, e.getMessage());
        }
        try {
            return switch (format) {
                case "json" -> XgboostJsonModel.read(parseJson(bytes));
                case "ubj" -> XgboostJsonModel.read(Ubjson.parse(bytes));
                case "xgb" -> XgboostBinaryModel.read(bytes);
                default -> throw new IllegalArgumentException("unknown model_format " + format);
            };
        } catch (IllegalArgumentException | IOException | ArithmeticException e) {
            throw ModelportException.badModel(e, "cannot load XGBoost %s model %s: %s", format, file, e.getMessage());
        }
    }

    /**
     * The Booster that an {@code xgboost.sklearn} estimator holds in its pickle: the {@code handle}
     * of {@code Booster.__getstate__}, XGBoost's UBJSON serialisation {@code {"Config", "Model"}},
     * predicting as {@code modelClass}'s {@code predict} does.
     */
    public static Predictor pickledBooster(byte[] handle, String modelClass) {
        ModelClass mc = ModelClass.of(modelClass).orElseThrow(() -> ModelportException.badModel(
                "XGBoost model class '%s' is not supported natively", modelClass));
        try {
            JsonNode serialised = Ubjson.parse(handle);
            JsonNode model = serialised.get("Model");
            if (model == null || !model.isObject()) {
                throw new IllegalArgumentException("the pickled Booster holds no Model");
            }
            return new XgboostPredictor(XgboostJsonModel.read(model), mc);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw ModelportException.badModel(e, "cannot load the XGBoost Booster pickled in %s: %s", modelClass, e.getMessage());
        }
    }

    private static JsonNode parseJson(byte[] bytes) throws IOException {
        try (JsonParser parser = Json.MAPPER.createParser(bytes)) {
            JsonNode root = Json.MAPPER.readTree(parser);
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("the model file is not a JSON object");
            }
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("trailing content after the JSON model");
            }
            return root;
        }
    }

    private static Optional<String> format(Map<String, Object> conf) {
        Object format = conf.getOrDefault("model_format", "xgb");
        return Optional.of(String.valueOf(format)).filter(f -> f.equals("json") || f.equals("ubj") || f.equals("xgb"));
    }

    private static String modelClassName(Map<String, Object> conf) {
        Object name = conf.get("model_class");
        return name == null ? "xgboost.core.Booster" : String.valueOf(name);
    }
}
