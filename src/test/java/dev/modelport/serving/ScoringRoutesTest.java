package dev.modelport.serving;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.modelport.testing.ProbeFlavor;
import dev.modelport.testing.ProbePredictor;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the scoring routes take their bodies: chunked, after 100-continue, large, and which methods they answer. */
@QuarkusTest
@TestProfile(ScoringRoutesTest.ProbedIris.class)
class ScoringRoutesTest {
    private static final String HEADER = "{\"dataframe_split\": {\"columns\": [\"sepal length (cm)\", \"sepal width (cm)\", "
            + "\"petal length (cm)\", \"petal width (cm)\"], \"data\": [";
    private static final RestAssuredConfig RAW = RestAssuredConfig.config()
            .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));

    /** {@link IrisModelProfile}'s model and body limit, served through the {@link ProbeFlavor} so a test sees predict's threads. */
    public static class ProbedIris implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("modelport.serve", "true", "modelport.model-uri", ProbeFlavor.probedCopy("sklearn_logreg_iris", "sklearn").toString(),
                    "modelport.flavor", ProbeFlavor.NAME, "modelport.max-body-size", "64K",
                    "modelport.memory.big-body-from", "16K", "modelport.memory.budget", "100K");
        }
    }

    @Inject
    ServedModel served;

    @TestHTTPResource("/invocations")
    URI invocations;

    @BeforeEach
    void modelIsLoaded() throws Exception {
        assertThat(served.loaded().get(60, TimeUnit.SECONDS)).isInstanceOf(ModelState.Ready.class);
    }

    private static String rows(int n) {
        return HEADER + "[5.1, 3.5, 1.4, 0.2], ".repeat(n - 1) + "[7.0, 3.2, 4.7, 1.4]]}}";
    }

    @Test
    void aChunkedBodyIsScoredWhole() throws Exception {
        byte[] body = rows(2000).getBytes(StandardCharsets.UTF_8); // ~44 KB: past the 16 KB a chunked body starts in, under the 64 KB limit
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpRequest request = HttpRequest.newBuilder(invocations).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).startsWith("{\"predictions\": [0, 0, ").endsWith(", 0, 1]}");
        }
    }

    @Test
    void aLargeBodyIsScoredOnTheScoringThreads() {
        String body = rows(2000);
        assertThat(body.length()).as("a body the event loop does not score itself").isGreaterThan(ScoringRoutes.INLINE_MAX_BYTES);
        ProbePredictor probe = ProbeFlavor.loaded();
        int before = probe.threads().size();
        given().config(RAW).contentType("application/json").body(body).post("/invocations")
                .then().statusCode(200).body("predictions", hasSize(2000));
        List<String> threads = probe.threads();
        // ScoringPool's threads are scoring-N (its timer's scoring-timeout-N); the event loop's vert.x-eventloop-thread-N
        assertThat(threads.subList(before, threads.size())).as("the threads this request was predicted on")
                .singleElement().asString().matches("scoring-\\d+");
    }

    @Test
    void expectContinueIsAnsweredBeforeTheBodyIsSent() throws Exception {
        byte[] body = rows(2).getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(invocations.getHost(), invocations.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /invocations HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n"
                    + "Connection: close\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] interim = new byte[25];
            assertThat(in.readNBytes(interim, 0, interim.length)).isEqualTo(interim.length);
            assertThat(new String(interim, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
            out.write(body);
            out.flush();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 200").endsWith("{\"predictions\": [0, 1]}");
        }
    }

    @Test
    void aClientThatLeavesMidBodyLeavesTheServerServing() throws Exception {
        try (Socket socket = new Socket(invocations.getHost(), invocations.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /invocations HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n"
                    + HEADER).getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        given().config(RAW).contentType("application/json").body(rows(2)).post("/invocations")
                .then().statusCode(200).body("predictions", hasSize(2));
    }

    @Test
    void onlyPostIsScored() {
        given().get("/invocations").then().statusCode(405).header("Allow", containsString("POST"));
        given().put("/score").then().statusCode(405);
        given().options("/invocations").then().statusCode(200).header("Allow", containsString("POST"));
    }

    @Test
    void azureScoreTakesAChunkedBodyToo() throws Exception {
        byte[] body = ("{\"input_data\": {\"columns\": [\"sepal length (cm)\", \"sepal width (cm)\", \"petal length (cm)\", "
                + "\"petal width (cm)\"], \"data\": [[5.1, 3.5, 1.4, 0.2]]}}").getBytes(StandardCharsets.UTF_8);
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpRequest request = HttpRequest.newBuilder(invocations.resolve("/score")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("[0]");
        }
    }

    @Test
    void aBigBodyThatTheMemoryBudgetHasNoRoomForIsAnswered503WithRetryAfterUntilTheOtherIsDone() throws Exception {
        String big = rows(1000); // ~22 KB: reserves 88 KB of the 100 KB budget
        ProbePredictor probe = ProbeFlavor.loaded();
        int predicted = probe.threads().size();
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpRequest request = HttpRequest.newBuilder(invocations).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(big)).build();
            var first = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
            try (ProbePredictor.Hold held = probe.hold()) {
                while (probe.threads().size() == predicted && !first.isDone()) {
                    Thread.onSpinWait(); // until the first is being predicted, and so holds its memory
                }
                given().config(RAW).contentType("application/json").body(big).post("/invocations")
                        .then().statusCode(503).header("Retry-After", "1")
                        .body("error_code", equalTo("TEMPORARILY_UNAVAILABLE"), "message", containsString("modelport.memory.budget"));
            }
            assertThat(first.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        given().config(RAW).contentType("application/json").body(big).post("/invocations").then().statusCode(200);
    }
}
