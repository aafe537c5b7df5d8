package dev.modelport.serving;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.nio.charset.StandardCharsets;
import org.jboss.resteasy.reactive.RestResponse;

/** {@code /q/metrics}: {@link ServingMetrics} for a Prometheus scrape. */
@Path("/q/metrics")
public class MetricsResource {
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final ServingMetrics metrics;

    MetricsResource(ServingMetrics metrics) {
        this.metrics = metrics;
    }

    @GET
    public RestResponse<byte[]> scrape() {
        return RestResponse.ResponseBuilder.ok(metrics.prometheusText().getBytes(StandardCharsets.UTF_8), PROMETHEUS_TEXT).build();
    }
}
