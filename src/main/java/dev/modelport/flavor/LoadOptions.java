package dev.modelport.flavor;

import java.util.Objects;

/**
 * How a flavor that runs models out of process loads them; native flavors ignore these.
 *
 * @param workers    worker processes per model ({@code -w/--workers})
 * @param envManager where the model's Python environment comes from ({@code --env-manager})
 */
public record LoadOptions(int workers, EnvManager envManager) {
    /** MLflow's defaults: one worker, the local Python. */
    public static final LoadOptions DEFAULT = new LoadOptions(1, EnvManager.LOCAL);

    public LoadOptions {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        Objects.requireNonNull(envManager, "envManager");
    }
}
