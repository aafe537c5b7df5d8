package dev.modelport.serving;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.config.EncoderConfig;
import dev.modelport.scoring.ScoringResponse;
import io.restassured.config.RestAssuredConfig;
import jakarta.inject.Inject;
import java.io.File;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /q/metrics} passes Prometheus' own parser and linter: {@code promtool check metrics} (Debian's
 * {@code prometheus} package, in bin/debian-packages.txt) reads the scrape after requests that make
 * every kind of series appear.
 */
@QuarkusTest
@TestProfile(IrisModelProfile.class)
class PromtoolMetricsTest {
    private static final String COLUMNS = "[\"sepal length (cm)\", \"sepal width (cm)\", \"petal length (cm)\", \"petal width (cm)\"]";
    private static final RestAssuredConfig RAW = RestAssuredConfig.config()
            .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));

    @Inject
    ServedModel served;

    @TestHTTPResource("/")
    URI root;

    @BeforeEach
    void modelIsLoaded() throws Exception {
        served.loaded().get(60, TimeUnit.SECONDS);
    }

    @Test
    void promtoolAcceptsTheScrape() throws Exception {
        given().config(RAW).contentType("application/json").body("{\"dataframe_split\": {\"columns\": " + COLUMNS + ", \"data\": [[5.1, 3.5, 1.4, 0.2]]}}")
                .post("/invocations").then().statusCode(200);
        given().config(RAW).contentType("application/json").body("{\"nope\": 1}").post("/invocations").then().statusCode(400);
        given().config(RAW).contentType("text/plain").body("5.1").post("/invocations").then().statusCode(415);
        given().get("/ping").then().statusCode(200);
        given().get("/no-such-route").then().statusCode(404);
        given().get("/q/health/ready").then().statusCode(200);
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            client.send(HttpRequest.newBuilder(root.resolve("ping")).method("BREW", HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
        String scrape = given().get("/q/metrics").then().statusCode(200).contentType("text/plain; version=0.0.4; charset=utf-8")
                .extract().asString();
        assertThat(scrape).contains("http_server_requests_seconds_bucket{", "modelport_scoring_errors_total{", "modelport_model_load_seconds ");

        assertPromtoolAccepts(scrape);
    }

    @Test
    void labelValuesAreEscaped() throws Exception {
        ServingMetrics metrics = new ServingMetrics();
        metrics.count(new ScoringResponse(400, "application/json",
                "{\"error_code\": \"A \\\"quoted\\\" \\\\ code\\non two lines\"}".getBytes(StandardCharsets.UTF_8)));
        metrics.modelLoaded(Duration.ofMillis(1));
        String scrape = metrics.prometheusText();
        assertThat(scrape).contains("modelport_scoring_errors_total{error_code=\"A \\\"quoted\\\" \\\\ code\\non two lines\"} 1\n");
        assertPromtoolAccepts(scrape);
    }

    private static void assertPromtoolAccepts(String scrape) throws Exception {
        Process promtool = new ProcessBuilder(promtool(), "check", "metrics").redirectErrorStream(true).start();
        try (OutputStream in = promtool.getOutputStream()) {
            in.write(scrape.getBytes(StandardCharsets.UTF_8));
        }
        String said = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(said).as("promtool check metrics on:%n%s", scrape).isEmpty();
        assertThat(promtool.exitValue()).as("promtool's exit status").isZero();
    }

    /** promtool from PATH; missing, the test fails and says where it comes from. */
    private static String promtool() {
        Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "promtool")).filter(Files::isExecutable).findFirst();
        assertThat(found).as("promtool on PATH: Debian's prometheus package (apt-get install -y prometheus; bin/debian-packages.txt)")
                .isPresent();
        return found.get().toString();
    }
}
