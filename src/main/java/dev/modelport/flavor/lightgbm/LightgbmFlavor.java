package dev.modelport.flavor.lightgbm;

import dev.modelport.ModelportException;
import dev.modelport.flavor.Flavor;
import dev.modelport.flavor.FlavorSection;
import dev.modelport.flavor.Predictor;
import dev.modelport.model.Model;
import dev.modelport.model.ModelDirectory;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Serves {@code mlflow.lightgbm} models natively when they hold a {@code lightgbm.basic.Booster}
 * saved as LightGBM text ({@code model.lgb}). The scikit-learn classes ({@code LGBMClassifier},
 * {@code LGBMRegressor}, …) are cloudpickled objects whose predict runs their own Python code;
 * this flavor leaves them to the python_function flavor.
 */
public final class LightgbmFlavor implements Flavor {
    private static final Logger LOG = Logger.getLogger(LightgbmFlavor.class);
    private static final String NAME = "lightgbm";
    /** MLflow's default when the flavor names no model_class (models saved before MLflow 1.23). */
    private static final String BOOSTER = "lightgbm.basic.Booster";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean canLoad(Model mlmodel) {
        return FlavorSection.hasDataFile(mlmodel, NAME) && modelClass(mlmodel.flavor(NAME).orElseThrow()).equals(BOOSTER);
    }

    @Override
    public Predictor load(ModelDirectory dir, Model mlmodel) {
        FlavorSection section = FlavorSection.of(dir, mlmodel, NAME);
        Map<String, Object> conf = section.conf();
        Path file = section.dataFile();
        if (!modelClass(conf).equals(BOOSTER)) {
            throw ModelportException.badModel("LightGBM model_class '%s' of %s is a pickled scikit-learn model, not served natively"
                    + " (only %s is)", modelClass(conf), dir.root(), BOOSTER);
        }
        LightgbmModel model = read(file);
        LOG.infof("Read LightGBM model %s: objective=%s trees=%d classes=%d features=%d", file.getFileName(),
                model.objective().line().isEmpty() ? "raw scores" : model.objective().line(), model.trees().treeCount(),
                model.treesPerIteration(), model.features());
        return new LightgbmPredictor(model);
    }

    /** Reads a LightGBM text model file; any defect is a {@link ModelportException} naming the file. */
    static LightgbmModel read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (CharacterCodingException e) {
            throw ModelportException.badModel(e, "cannot load LightGBM text model %s: it is not UTF-8 text", file);
        } catch (IOException e) {
            throw ModelportException.badModel(e, "cannot read LightGBM model %s: %s", file, e.getMessage() == null ? e : e.getMessage());
        }
        try {
            return LightgbmTextModel.read(text);
        } catch (IllegalArgumentException | IOException | ArithmeticException e) {
            throw ModelportException.badModel(e, "cannot load LightGBM text model %s: %s", file, e.getMessage());
        }
    }

    private static String modelClass(Map<String, Object> conf) {
        Object name = conf.get("model_class");
        return name == null ? BOOSTER : String.valueOf(name);
    }
}
