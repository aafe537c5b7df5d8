package dev.modelport.serving;

import dev.modelport.scoring.ErrorResponses;
import dev.modelport.scoring.ScoringResponse;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Graceful shutdown: once SIGTERM arrived, a request that arrives is answered 503 in MLflow's error
 * shape, while the ones that arrived before (even if their body is still uploading) are scored.
 * It runs on every route when a request's headers arrive, before its body is read, which is what
 * tells the two apart.
 */
@Singleton
public class DrainFilter {
    private static final ScoringResponse SHUTTING_DOWN = ErrorResponses.shuttingDown();

    private final ServedModel model;

    DrainFilter(ServedModel model) {
        this.model = model;
    }

    /** Right after {@link ServingMetrics}' timing, so drained requests are counted too. */
    void register(@Observes Filters filters) {
        filters.register(this::rejectWhileStopping, Integer.MAX_VALUE - 1);
    }

    private void rejectWhileStopping(RoutingContext context) {
        if (!model.stopping()) {
            context.next();
            return;
        }
        ScoringRoutes.send(context.response(), SHUTTING_DOWN);
    }
}
