package dev.modelport.serving;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.modelport.scoring.ScoringResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;

/**
 * Modelport's own metrics beside Quarkus' HTTP ones ({@code http_server_requests_seconds} by route and
 * status, with histogram buckets): errors by MLflow error code, and how long the model took to load.
 */
@Singleton
public class ServingMetrics {
    private static final JsonFactory JSON = new JsonFactory();

    private final MeterRegistry registry;

    ServingMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Latency histograms for the HTTP routes, so p50/p99 can be read from Prometheus. */
    @Produces
    @Singleton
    MeterFilter httpHistograms() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(io.micrometer.core.instrument.Meter.Id id, DistributionStatisticConfig config) {
                return id.getName().equals("http.server.requests")
                        ? DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config)
                        : config;
            }
        };
    }

    /** Counts an error answer under its MLflow error code. */
    ScoringResponse count(ScoringResponse response) {
        if (response.status() >= 400) {
            registry.counter("modelport.scoring.errors", "error_code", errorCode(response)).increment();
        }
        return response;
    }

    void modelLoaded(Duration took) {
        Timer.builder("modelport.model.load").description("Time to load and warm the model").register(registry).record(took);
    }

    private static String errorCode(ScoringResponse response) {
        try (JsonParser parser = JSON.createParser(response.body())) {
            if (parser.nextToken() == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    parser.nextToken();
                    if (field.equals("error_code")) {
                        return parser.getText();
                    }
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            // a text/plain answer (415): no MLflow error code
        }
        return "HTTP_" + response.status();
    }
}
