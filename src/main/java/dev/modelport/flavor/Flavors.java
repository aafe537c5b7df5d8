package dev.modelport.flavor;

import dev.modelport.ModelportException;
import dev.modelport.model.Model;
import dev.modelport.model.ModelDirectory;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.jboss.logging.Logger;

/** The installed flavors, in order of preference: native Java paths first, Python last. */
public final class Flavors {
    private static final Logger LOG = Logger.getLogger(Flavors.class);
    /** Preferred first; a flavor not named here comes after these and before python_function. */
    static final List<String> PREFERENCE = List.of("onnx", "xgboost", "lightgbm", "sklearn");
    static final String PYTHON_FUNCTION = "python_function";

    private final List<Flavor> preference;

    public Flavors(List<Flavor> preference) {
        this.preference = List.copyOf(preference);
    }

    /** Every flavor registered through {@link ServiceLoader}, sorted by preference. */
    public static Flavors installed() {
        List<Flavor> found = ServiceLoader.load(Flavor.class, Flavors.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparingInt(Flavors::rank))
                .toList();
        return new Flavors(found);
    }

    private static int rank(Flavor flavor) {
        int i = PREFERENCE.indexOf(flavor.name());
        return i >= 0 ? i : PYTHON_FUNCTION.equals(flavor.name()) ? Integer.MAX_VALUE : PREFERENCE.size();
    }

    /** Loads with the first flavor that can serve the model natively, Python last. */
    public Predictor load(ModelDirectory dir, Model mlmodel) {
        return load(dir, mlmodel, Optional.empty(), LoadOptions.defaults());
    }

    /** Loads with {@code forced} when given (as {@code --flavor NAME}), else by preference. */
    public Predictor load(ModelDirectory dir, Model mlmodel, Optional<String> forced) {
        return load(dir, mlmodel, forced, LoadOptions.defaults());
    }

    /** As {@link #load(ModelDirectory, Model, Optional)}, with the serve options for flavors that run models out of process. */
    public Predictor load(ModelDirectory dir, Model mlmodel, Optional<String> forced, LoadOptions options) {
        if (forced.isPresent()) {
            Flavor flavor = preference.stream().filter(f -> f.name().equals(forced.get())).findFirst()
                    .orElseThrow(() -> ModelportException.badModel("Flavor '%s' is not installed; installed: %s", forced.get(), names()));
            if (!flavor.canLoad(mlmodel)) {
                throw ModelportException.badModel("Flavor '%s' cannot load %s: it has flavors %s", forced.get(), dir.root(),
                        mlmodel.flavors().keySet());
            }
            return loadWith(flavor, dir, mlmodel, options);
        }
        for (Flavor flavor : preference) {
            if (flavor.canLoad(mlmodel)) {
                return loadWith(flavor, dir, mlmodel, options);
            }
        }
        throw ModelportException.badModel("No flavor can load %s: it has flavors %s, installed: %s", dir.root(),
                mlmodel.flavors().keySet(), names());
    }

    public List<String> names() {
        return preference.stream().map(Flavor::name).toList();
    }

    /** The flavor's predictor; one that predicts row by row predicts a big input in parts on the spare cores. */
    private static Predictor loadWith(Flavor flavor, ModelDirectory dir, Model mlmodel, LoadOptions options) {
        long start = System.nanoTime();
        Predictor predictor = flavor.load(dir, mlmodel, options);
        LOG.infof("Loaded %s with flavor %s in %d ms", dir.root(), flavor.name(), (System.nanoTime() - start) / 1_000_000);
        return predictor instanceof RowByRowPredictor && options.spareCores().cores() > 1 ? new RowSplitPredictor(predictor, options.spareCores()) : predictor;
    }
}
