package dev.modelport.flavor;

import dev.modelport.model.Model;
import dev.modelport.model.ModelDirectory;

/**
 * Loads one MLflow flavor into a {@link Predictor}. Implementations live in {@code flavor.<name>}
 * and are registered in {@code META-INF/services/dev.modelport.flavor.Flavor}.
 */
public interface Flavor {

    /** The key under {@code flavors:} in MLmodel that this flavor reads, e.g. {@code sklearn}. */
    String name();

    /** True when the MLmodel has this flavor's section and this flavor can read its format. */
    boolean canLoad(Model mlmodel);

    /**
     * Loads and validates the model, so the predictor can assume a well-formed model.
     *
     * @throws dev.modelport.ModelportException when the model cannot be served by this flavor
     */
    Predictor load(ModelDirectory dir, Model mlmodel);

    /** Loads with {@code options}; only flavors that run the model out of process use them. */
    default Predictor load(ModelDirectory dir, Model mlmodel, LoadOptions options) {
        return load(dir, mlmodel);
    }
}
