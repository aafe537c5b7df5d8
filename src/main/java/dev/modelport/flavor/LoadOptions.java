package dev.modelport.flavor;

import dev.modelport.data.parallel.SpareCores;
import java.util.Objects;

/**
 * How a flavor loads a model: the worker processes and Python environment of flavors that run
 * models out of process (native flavors ignore these), and the cores a big input may be predicted on.
 *
 * @param workers    worker processes per model ({@code -w/--workers})
 * @param envManager where the model's Python environment comes from ({@code --env-manager})
 * @param spareCores the cores a predictor that predicts row by row may predict a big input's parts on
 */
public record LoadOptions(int workers, EnvManager envManager, SpareCores spareCores) {

    public LoadOptions {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        Objects.requireNonNull(envManager, "envManager");
        Objects.requireNonNull(spareCores, "spareCores");
    }

    /** MLflow's defaults: one worker, the local Python; no spare cores. */
    public static LoadOptions defaults() {
        return new LoadOptions(1, EnvManager.LOCAL, SpareCores.none());
    }
}
