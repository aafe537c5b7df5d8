package dev.modelport.serving;

import dev.modelport.scoring.ErrorResponses;
import dev.modelport.scoring.ScoringResponse;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * The request body limit ({@code modelport.max-body-size}, default 100 MB), answered by the scoring
 * routes as 413 with MLflow's error JSON: by the declared Content-Length before the body is read, or
 * once a chunked body passes it ({@link ScoringRoutes}).
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

    /** 413 for a body declared {@code bytes} long, when that is over the limit. */
    Optional<ScoringResponse> tooLarge(long bytes) {
        return bytes <= maxBytes ? Optional.empty() : Optional.of(ErrorResponses.bodyTooLarge("Request body of " + bytes + " bytes", maxBytes));
    }

    /** 413 for a chunked body that passed the limit while it was read. */
    ScoringResponse exceeded() {
        return ErrorResponses.bodyTooLarge("Request body", maxBytes);
    }
}
