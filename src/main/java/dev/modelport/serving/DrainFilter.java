package dev.modelport.serving;

import dev.modelport.ErrorCode;
import dev.modelport.scoring.ScoringService;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Graceful shutdown: once SIGTERM arrived, a request that arrives is answered 503 in MLflow's error
 * shape, while the ones that arrived before (even if their body is still uploading) are scored.
 * It runs when a request's headers arrive, before its body is read, which is what tells the two apart.
 */
public class DrainFilter {
    private final ServedModel model;

    DrainFilter(ServedModel model) {
        this.model = model;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<RestResponse<byte[]>> rejectWhileStopping() {
        if (!model.stopping()) {
            return Optional.empty();
        }
        return Optional.of(ScoringResource.toRest(ScoringService.error(ErrorCode.TEMPORARILY_UNAVAILABLE.status(),
                ErrorCode.TEMPORARILY_UNAVAILABLE, "The server is shutting down")));
    }
}
