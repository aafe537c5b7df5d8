package dev.modelport.serving;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import dev.modelport.ModelportVersion;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(IrisModelProfile.class)
class ScoringResourceTest {
    private static final String IRIS_ROWS = "{\"dataframe_split\": {\"columns\": [\"sepal length (cm)\", \"sepal width (cm)\", "
            + "\"petal length (cm)\", \"petal width (cm)\"], \"data\": [[5.1, 3.5, 1.4, 0.2], [7.0, 3.2, 4.7, 1.4]]}}";
    /** Sends the Content-Type given, byte for byte, without RestAssured adding a charset. */
    private static final RestAssuredConfig RAW = RestAssuredConfig.config()
            .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));

    @Inject
    ServedModel served;

    @BeforeEach
    void modelIsLoaded() throws Exception {
        assertThat(served.loaded().get(60, TimeUnit.SECONDS)).isInstanceOf(ModelState.Ready.class);
    }

    @Test
    void pingAnswersLikeMlflowOnceReady() {
        given().get("/ping").then().statusCode(200).contentType("application/json").body(equalTo("\n"));
    }

    @Test
    void healthIsPing() {
        given().get("/health").then().statusCode(200).contentType("application/json").body(equalTo("\n"));
    }

    @Test
    void versionIsModelportsVersion() {
        given().get("/version").then().statusCode(200).body(equalTo(ModelportVersion.get()));
    }

    @Test
    void invocationsScoresADataframeSplit() {
        given().config(RAW).contentType("application/json").body(IRIS_ROWS).post("/invocations")
                .then().statusCode(200).contentType("application/json").body("predictions", org.hamcrest.Matchers.contains(0, 1));
    }

    @Test
    void invocationsScoresCsv() {
        given().config(RAW).contentType("text/csv").body("sepal length (cm),sepal width (cm),petal length (cm),petal width (cm)\n5.1,3.5,1.4,0.2\n")
                .post("/invocations").then().statusCode(200).body("predictions", org.hamcrest.Matchers.contains(0));
    }

    @Test
    void malformedJsonIsBadRequestWithoutAStackTrace() {
        given().config(RAW).contentType("application/json").body("{\"dataframe_split\": {\"columns\": [").post("/invocations")
                .then().statusCode(400).contentType("application/json").body("error_code", equalTo("BAD_REQUEST"))
                .body("message", startsWith("Invalid input")).body(not(containsString("at dev.modelport")));
    }

    @Test
    void unsupportedContentTypeIs415() {
        given().config(RAW).contentType("text/plain").body("5.1,3.5").post("/invocations").then().statusCode(415);
    }

    @TestHTTPResource("/invocations")
    URI invocations;

    @Test
    void missingContentTypeIs415() throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(invocations).POST(BodyPublishers.ofString(IRIS_ROWS)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(415);
        }
    }

    @Test
    void schemaViolationNamesTheMissingColumn() {
        given().config(RAW).contentType("application/json")
                .body("{\"dataframe_split\": {\"columns\": [\"sepal width (cm)\"], \"data\": [[3.5]]}}").post("/invocations")
                .then().statusCode(400).body("error_code", equalTo("INVALID_PARAMETER_VALUE"))
                .body("message", containsString("sepal length (cm)"));
    }

    @Test
    void unknownRouteIs404() {
        given().get("/nope").then().statusCode(404);
    }
}
