package dev.modelport.serving;

import dev.modelport.ModelportVersion;
import dev.modelport.scoring.ScoringResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.nio.charset.StandardCharsets;
import org.jboss.resteasy.reactive.RestResponse;

/** MLflow's status routes: {@code /ping}, {@code /health}, {@code /version}; {@code /invocations} is a {@link ScoringRoutes} route. */
@Path("/")
public class ScoringResource {
    private static final byte[] PING_BODY = "\n".getBytes(StandardCharsets.UTF_8);
    private static final String JSON = "application/json";

    private final ServedModel model;

    ScoringResource(ServedModel model) {
        this.model = model;
    }

    /** 200 with MLflow's body once the model is loaded and warmed, 503 before. */
    @GET
    @Path("ping")
    public RestResponse<byte[]> ping() {
        ModelState state = model.state();
        return state instanceof ModelState.Ready ? RestResponse.ResponseBuilder.ok(PING_BODY, JSON).build() : toRest(ServedModel.notReady(state));
    }

    @GET
    @Path("health")
    public RestResponse<byte[]> health() {
        return ping();
    }

    /** Modelport's version (MLflow answers its own version string the same way). */
    @GET
    @Path("version")
    public RestResponse<byte[]> version() {
        return RestResponse.ResponseBuilder.ok(ModelportVersion.get().getBytes(StandardCharsets.UTF_8), JSON).build();
    }

    static RestResponse<byte[]> toRest(ScoringResponse response) {
        return RestResponse.ResponseBuilder.<byte[]>create(response.status()).entity(response.body()).type(response.contentType()).build();
    }
}
