package dev.modelport.serving;

import dev.modelport.ErrorCode;
import dev.modelport.scoring.ScoringResponse;
import dev.modelport.scoring.ScoringService;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * The request body limit ({@code modelport.max-body-size}, default 100 MB), answered by Modelport as
 * 413 with MLflow's error JSON: by the declared Content-Length before the body is read
 * ({@link BodyLimitFilter}), and by the body's size for chunked requests. Quarkus' own, larger limit
 * stays as a backstop.
 */
@Singleton
public class BodyLimit {
    private final long maxBytes;

    BodyLimit(ServingConfig config) {
        this.maxBytes = config.maxBodySize().asLongValue();
    }

    long maxBytes() {
        return maxBytes;
    }

    Optional<ScoringResponse> tooLarge(long bytes) {
        if (bytes <= maxBytes) {
            return Optional.empty();
        }
        return Optional.of(ScoringService.error(413, ErrorCode.BAD_REQUEST, "Request body of " + bytes + " bytes exceeds the limit of "
                + maxBytes + " bytes (set modelport.max-body-size, env MODELPORT_MAX_BODY_SIZE)"));
    }
}
