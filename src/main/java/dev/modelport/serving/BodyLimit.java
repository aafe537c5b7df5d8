package dev.modelport.serving;

import dev.modelport.ErrorCode;
import dev.modelport.scoring.ScoringResponse;
import dev.modelport.scoring.ScoringService;
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
        return bytes <= maxBytes ? Optional.empty() : Optional.of(refusal("Request body of " + bytes + " bytes"));
    }

    /** 413 for a chunked body that passed the limit while it was read. */
    ScoringResponse exceeded() {
        return refusal("Request body");
    }

    private ScoringResponse refusal(String what) {
        return ScoringService.error(413, ErrorCode.BAD_REQUEST,
                what + " exceeds the limit of " + maxBytes + " bytes (set modelport.max-body-size, env MODELPORT_MAX_BODY_SIZE)");
    }
}
