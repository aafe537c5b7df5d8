package dev.modelport.serving;

import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** {@code /q/health/ready}: up once the model is loaded and warmed, as {@code /ping}. */
@Readiness
@Singleton
public class ModelReadiness implements HealthCheck {
    private final ServedModel model;

    ModelReadiness(ServedModel model) {
        this.model = model;
    }

    @Override
    public HealthCheckResponse call() {
        if (model.stopping()) {
            return HealthCheckResponse.named("model").down().withData("state", "stopping").build();
        }
        return switch (model.state()) {
            case ModelState.Ready ready -> HealthCheckResponse.up("model");
            case ModelState.Loading loading -> HealthCheckResponse.named("model").down().withData("state", "loading").build();
            case ModelState.Failed failed -> HealthCheckResponse.named("model").down().withData("state", "failed")
                    .withData("reason", failed.reason().getMessage()).build();
        };
    }
}
