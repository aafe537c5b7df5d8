package dev.modelport.serving;

import dev.modelport.scoring.ScoringResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The Azure ML online-endpoint contract: {@code GET /} liveness, {@code POST /score} with Azure's
 * {@code {"input_data": ...}} body (or any MLflow body) answered with the bare predictions, and
 * {@code GET /swagger.json} describing the model's request and response.
 */
@Path("/")
public class AzureMlResource {
    private static final byte[] HEALTHY = "Healthy".getBytes(StandardCharsets.UTF_8);

    private final ServedModel model;
    private final ScoringResource scoring;

    AzureMlResource(ServedModel model, ScoringResource scoring) {
        this.model = model;
        this.scoring = scoring;
    }

    /** Liveness: the process answers; readiness is {@code /ping} or {@code /q/health/ready}. */
    @GET
    public RestResponse<byte[]> liveness() {
        return RestResponse.ResponseBuilder.ok(HEALTHY, "text/plain").build();
    }

    @POST
    @Path("score")
    public CompletionStage<RestResponse<byte[]>> score(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        return scoring.score(contentType, AzureScoreRequest.toMlflowBody(body), AzureMlResource::bareAnswer);
    }

    @GET
    @Path("swagger.json")
    public RestResponse<byte[]> swagger() {
        return switch (model.state()) {
            case ModelState.Ready ready -> RestResponse.ResponseBuilder
                    .ok(SwaggerDocument.of(ready.scoring().model(), ready.example()).toJson(), "application/json").build();
            case ModelState.Loading loading -> scoring.ping();
            case ModelState.Failed failed -> scoring.ping();
        };
    }

    private static ScoringResponse bareAnswer(ScoringResponse response) {
        return response.status() == 200
                ? new ScoringResponse(200, response.contentType(), AzureScoreRequest.unwrapPredictions(response.body()))
                : response;
    }
}
