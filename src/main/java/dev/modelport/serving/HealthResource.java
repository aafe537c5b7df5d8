package dev.modelport.serving;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.modelport.ModelportException;
import dev.modelport.data.codec.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Kubernetes probes in MicroProfile Health's JSON ({@code {"status": "UP", "checks": [...]}}, 503
 * when down): liveness is the process answering; readiness is the model loaded and warmed, as
 * {@code /ping}, and down again once SIGTERM arrived. Written here rather than by SmallRye Health,
 * which was weighed together with Micrometer's Prometheus registry (see {@link ServingMetrics}): the
 * two added over 100 ms to a cold start with the AOT cache, SmallRye Health alone no more than the
 * measurement's noise (bench/RESULTS.md, 2026-12-08).
 */
@Path("/q/health")
public class HealthResource {
    private static final String MEDIA_TYPE = "application/json";

    private final ServedModel model;

    HealthResource(ServedModel model) {
        this.model = model;
    }

    @GET
    public RestResponse<byte[]> health() {
        return ready();
    }

    @GET
    @Path("live")
    public RestResponse<byte[]> live() {
        return answer(Optional.empty());
    }

    @GET
    @Path("ready")
    public RestResponse<byte[]> ready() {
        return answer(Optional.of(readiness()));
    }

    private Check readiness() {
        if (model.stopping()) {
            return new Check("stopping", null);
        }
        return switch (model.state()) {
            case ModelState.Ready ready -> Check.UP;
            case ModelState.Loading loading -> new Check("loading", null);
            case ModelState.Failed failed -> new Check("failed", failed.reason());
        };
    }

    private static RestResponse<byte[]> answer(Optional<Check> check) {
        boolean up = check.map(Check::up).orElse(true);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (JsonGenerator g = Json.FACTORY.createGenerator(bytes)) {
            g.writeStartObject();
            g.writeStringField("status", up ? "UP" : "DOWN");
            g.writeArrayFieldStart("checks");
            if (check.isPresent()) {
                check.get().write(g);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return RestResponse.ResponseBuilder.<byte[]>create(up ? 200 : 503).entity(bytes.toByteArray()).type(MEDIA_TYPE).build();
    }

    /** The model check: up (no state), or down in a state (loading, failed, stopping) with the failure's code and reason. */
    private record Check(String state, ModelportException failure) {
        static final Check UP = new Check(null, null);

        boolean up() {
            return state == null;
        }

        void write(JsonGenerator g) throws IOException {
            g.writeStartObject();
            g.writeStringField("name", "model");
            g.writeStringField("status", up() ? "UP" : "DOWN");
            if (!up()) {
                g.writeObjectFieldStart("data");
                g.writeStringField("state", state);
                if (failure != null) {
                    g.writeStringField("error_code", failure.code().name());
                    g.writeStringField("reason", failure.getMessage());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        }
    }
}
