package dev.modelport.serving;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.nio.charset.StandardCharsets;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * SageMaker batch transform's optional {@code GET /execution-parameters}: how many requests this
 * container scores at once and the largest payload it takes (SageMaker caps it at 100 MB).
 */
@Path("/execution-parameters")
public class SageMakerResource {
    private static final long SAGEMAKER_MAX_PAYLOAD_MB = 100;

    private final ScoringPool pool;
    private final BodyLimit limit;

    SageMakerResource(ScoringPool pool, BodyLimit limit) {
        this.pool = pool;
        this.limit = limit;
    }

    @GET
    public RestResponse<byte[]> executionParameters() {
        long payloadMb = Math.max(1, Math.min(SAGEMAKER_MAX_PAYLOAD_MB, limit.maxBytes() / (1024 * 1024)));
        String json = "{\"MaxConcurrentTransforms\": " + pool.workers() + ", \"BatchStrategy\": \"MULTI_RECORD\", \"MaxPayloadInMB\": " + payloadMb + "}";
        return RestResponse.ResponseBuilder.ok(json.getBytes(StandardCharsets.UTF_8), "application/json").build();
    }
}
