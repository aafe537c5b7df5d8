package dev.modelport.flavor.xgboost;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

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

    /**
     * The model file as the tree {@code ObjectMapper.readTree} builds (the same node types), built
     * from jackson-core's tokens: an ObjectMapper costs a cold JVM ~30 ms of start-up to create.
     */
    private static JsonNode parseJson(byte[] bytes) throws IOException {
        try (JsonParser parser = JSON.createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("the model file is not a JSON object");
            }
            JsonNode root = tree(parser);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("trailing content after the JSON model");
            }
            return root;
        }
    }

    private static JsonNode tree(JsonParser p) throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        JsonToken t = p.currentToken();
        return switch (t) {
            case START_OBJECT -> {
                ObjectNode object = nodes.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    object.replace(name, tree(p)); // a repeated key keeps its last value, as readTree does
                }
                yield object;
            }
            case START_ARRAY -> {
                ArrayNode array = nodes.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    array.add(tree(p));
                }
                yield array;
            }
            case VALUE_STRING -> nodes.textNode(p.getText());
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> nodes.numberNode(p.getIntValue());
                case LONG -> nodes.numberNode(p.getLongValue());
                default -> nodes.numberNode(p.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> nodes.numberNode(p.getDoubleValue());
            case VALUE_TRUE -> nodes.booleanNode(true);
            case VALUE_FALSE -> nodes.booleanNode(false);
            case VALUE_NULL -> nodes.nullNode();
            default -> throw new JsonParseException(p, "unexpected JSON token " + t);
        };
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
