package dev.modelport.serving;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.nio.charset.StandardCharsets;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The Azure ML online-endpoint contract: {@code GET /} liveness and {@code GET /swagger.json} describing
 * the model's request and response; {@code POST /score} is a {@link ScoringRoutes} route.
 */
@Path("/")
public class AzureMlResource {
    private static final byte[] HEALTHY = "Healthy".getBytes(StandardCharsets.UTF_8);

    private final ServedModel model;

    AzureMlResource(ServedModel model) {
        this.model = model;
    }

    /** Liveness: the process answers; readiness is {@code /ping} or {@code /q/health/ready}. */
    @GET
    public RestResponse<byte[]> liveness() {
        return RestResponse.ResponseBuilder.ok(HEALTHY, "text/plain").build();
    }

    @GET
    @Path("swagger.json")
    public RestResponse<byte[]> swagger() {
        ModelState state = model.state();
        return state instanceof ModelState.Ready ready
                ? RestResponse.ResponseBuilder.ok(SwaggerDocument.of(ready.scoring().model(), ready.example()).toJson(), "application/json").build()
                : ScoringResource.toRest(ServedModel.notReady(state));
    }
}
