package dev.modelport.cli;

import dev.modelport.serving.ServedModel;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;

/**
 * Runs the HTTP server until SIGTERM; the model is loaded by the serving layer at start-up, and a
 * model that cannot be loaded stops the server with exit status 1.
 */
public class ServeApplication implements QuarkusApplication {
    @Inject
    ServedModel model;

    @Override
    public int run(String... args) {
        Quarkus.waitForExit();
        return model.failed() ? 1 : 0;
    }
}
