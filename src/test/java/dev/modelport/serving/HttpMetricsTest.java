package dev.modelport.serving;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /q/metrics}' HTTP series: whatever methods and paths clients send, they stay a fixed few. */
@QuarkusTest
@TestProfile(IrisModelProfile.class)
class HttpMetricsTest {
    @Inject
    ServedModel served;

    @TestHTTPResource("/")
    URI root;

    @BeforeEach
    void modelIsLoaded() throws Exception {
        served.loaded().get(60, TimeUnit.SECONDS);
    }

    /** The request series' counts by their labels, from a scrape. */
    private static Map<String, Long> requestCounts() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith("http_server_requests_seconds_count{"))
                .collect(Collectors.toMap(line -> line.substring(line.indexOf('{'), line.lastIndexOf('}') + 1),
                        line -> Long.parseLong(line.substring(line.lastIndexOf(' ') + 1))));
    }

    /** The series that counted requests between two scrapes, and by how many. */
    private static Map<String, Long> added(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> added = new TreeMap<>();
        after.forEach((series, count) -> {
            long more = count - before.getOrDefault(series, 0L);
            if (more > 0) {
                added.put(series, more);
            }
        });
        return added;
    }

    @Test
    void manyDistinctUnknownMethodsAreOneSeries() throws Exception {
        Map<String, Long> before = requestCounts();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            for (int i = 0; i < 40; i++) {
                for (String path : List.of("ping", "invocations")) {
                    HttpResponse<Void> response = client.send(HttpRequest.newBuilder(root.resolve(path))
                            .method("BREW" + i, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
                    assertThat(response.statusCode()).isEqualTo(405);
                }
            }
        }
        Map<String, Long> after = requestCounts();
        assertThat(after.keySet()).noneMatch(series -> series.contains("BREW"));
        assertThat(added(before, after)).containsOnly(
                Map.entry("{method=\"UNKNOWN\",uri=\"/invocations\",status=\"405\"}", 40L),
                Map.entry("{method=\"UNKNOWN\",uri=\"/ping\",status=\"405\"}", 40L),
                Map.entry("{method=\"GET\",uri=\"/q/metrics\",status=\"200\"}", 1L));
    }

    @Test
    void manyDistinctUnknownPathsAreOneSeries() {
        Map<String, Long> before = requestCounts();
        for (int i = 0; i < 40; i++) {
            given().get("/scan-" + i + "/x").then().statusCode(404);
        }
        Map<String, Long> after = requestCounts();
        assertThat(after.keySet()).noneMatch(series -> series.contains("scan-"));
        assertThat(added(before, after)).containsOnly(
                Map.entry("{method=\"GET\",uri=\"UNKNOWN\",status=\"404\"}", 40L),
                Map.entry("{method=\"GET\",uri=\"/q/metrics\",status=\"200\"}", 1L));
    }
}
