package dev.modelport.serving;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.modelport.data.codec.Json;
import dev.modelport.scoring.ScoringResponse;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What {@code /q/metrics} shows, in Prometheus' text format: every HTTP answer by method, route and
 * status with a latency histogram ({@code http_server_requests_seconds}), error answers by MLflow
 * error code, how long the model took to load, and the JVM's memory. Kept here rather than in
 * Micrometer's Prometheus registry, which added 110-150 ms of CPU and 50-260 ms to a cold start with
 * the AOT cache, and 7 MB of RSS (bench/RESULTS.md, 2026-12-08), for a handful of series. Methods
 * and paths are labelled from fixed sets, so no request adds a series; promtool checks the output
 * (PromtoolMetricsTest).
 */
@Singleton
public class ServingMetrics {
    /** The routes Modelport serves; any other path is counted under one label, so a scan cannot grow the series. */
    private static final Set<String> ROUTES = Set.of("/", "/ping", "/health", "/version", "/invocations", "/score", "/swagger.json",
            "/execution-parameters", "/q/health", "/q/health/live", "/q/health/ready", "/q/metrics");
    /** HTTP's methods; Vert.x passes any other token through, and those are counted under one label too. */
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");
    static final String UNKNOWN = "UNKNOWN";

    private record Series(String method, String uri, int status) {
    }

    /** Scrapes list the series by route, method and status; requests only look theirs up, by hash. */
    private static final Comparator<Series> LISTING = Comparator.comparing(Series::uri).thenComparing(Series::method)
            .thenComparingInt(Series::status);

    private final Map<Series, LatencyHistogram> requests = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private volatile Duration modelLoad;
    private final long startNanos = System.nanoTime();

    /** Times every HTTP request from its headers to the end of its answer. */
    void timeRequests(@Observes Filters filters) {
        filters.register(this::time, Integer.MAX_VALUE);
    }

    private void time(RoutingContext context) {
        long start = System.nanoTime();
        context.addEndHandler(ended -> {
            String path = context.normalizedPath();
            String method = context.request().method().name();
            requests.computeIfAbsent(new Series(METHODS.contains(method) ? method : UNKNOWN, ROUTES.contains(path) ? path : UNKNOWN,
                    context.response().getStatusCode()), series -> new LatencyHistogram()).record(System.nanoTime() - start);
        });
        context.next();
    }

    /** Counts an error answer under its MLflow error code. */
    ScoringResponse count(ScoringResponse response) {
        if (response.status() >= 400) {
            errors.computeIfAbsent(errorCode(response), code -> new LongAdder()).increment();
        }
        return response;
    }

    void modelLoaded(Duration took) {
        modelLoad = took;
    }

    /** The metrics in Prometheus' text exposition format 0.0.4. */
    String prometheusText() {
        StringBuilder out = new StringBuilder(4096);
        out.append("# HELP http_server_requests_seconds HTTP requests answered, by method, route and status\n")
                .append("# TYPE http_server_requests_seconds histogram\n");
        requests.entrySet().stream().sorted(Map.Entry.comparingByKey(LISTING)).forEach(entry -> entry.getValue().writeTo(out,
                "http_server_requests_seconds", "method=\"" + entry.getKey().method() + "\",uri=\"" + entry.getKey().uri()
                        + "\",status=\"" + entry.getKey().status() + "\""));
        out.append("# HELP modelport_scoring_errors_total Error answers, by MLflow error code\n")
                .append("# TYPE modelport_scoring_errors_total counter\n");
        errors.forEach((code, count) -> out.append("modelport_scoring_errors_total{error_code=\"").append(labelValue(code)).append("\"} ")
                .append(count.sum()).append('\n'));
        Duration load = modelLoad;
        if (load != null) {
            out.append("# HELP modelport_model_load_seconds Time to load and warm the model\n")
                    .append("# TYPE modelport_model_load_seconds gauge\n")
                    .append("modelport_model_load_seconds ").append(load.toNanos() / 1e9).append('\n');
        }
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        out.append("# HELP jvm_memory_used_bytes Memory the JVM uses, by area\n")
                .append("# TYPE jvm_memory_used_bytes gauge\n")
                .append("jvm_memory_used_bytes{area=\"heap\"} ").append(memory.getHeapMemoryUsage().getUsed()).append('\n')
                .append("jvm_memory_used_bytes{area=\"nonheap\"} ").append(memory.getNonHeapMemoryUsage().getUsed()).append('\n')
                .append("# HELP process_uptime_seconds Time since the server started\n")
                .append("# TYPE process_uptime_seconds gauge\n")
                .append("process_uptime_seconds ").append((System.nanoTime() - startNanos) / 1e9).append('\n');
        return out.toString();
    }

    /** A label value as the text format writes it: backslash, double quote and line feed escaped. */
    static String labelValue(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String errorCode(ScoringResponse response) {
        try (JsonParser parser = Json.FACTORY.createParser(response.body())) {
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
