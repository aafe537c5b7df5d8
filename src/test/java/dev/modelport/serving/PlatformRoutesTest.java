package dev.modelport.serving;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.swagger.v3.oas.models.media.Schema;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SageMaker, Azure ML and operations routes, on the iris fixture. */
@QuarkusTest
@TestProfile(IrisModelProfile.class)
class PlatformRoutesTest {
    private static final String COLUMNS = "[\"sepal length (cm)\", \"sepal width (cm)\", \"petal length (cm)\", \"petal width (cm)\"]";
    private static final RestAssuredConfig RAW = RestAssuredConfig.config()
            .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));

    @Inject
    ServedModel served;

    @TestHTTPResource("/invocations")
    URI invocations;

    @BeforeEach
    void modelIsLoaded() throws Exception {
        assertThat(served.loaded().get(60, TimeUnit.SECONDS)).isInstanceOf(ModelState.Ready.class);
    }

    @Test
    void azureLivenessIsRoot() {
        given().get("/").then().statusCode(200).body(equalTo("Healthy"));
    }

    @Test
    void azureScoreTakesASplitFrameAndAnswersBarePredictions() {
        given().config(RAW).contentType("application/json")
                .body("{\"input_data\": {\"columns\": " + COLUMNS + ", \"index\": [0, 1], \"data\": [[5.1, 3.5, 1.4, 0.2], [6.3, 3.3, 6.0, 2.5]]}}")
                .post("/score").then().statusCode(200).contentType("application/json").body("$", contains(0, 2));
    }

    @Test
    void azureScoreTakesNamedTensors() {
        given().config(RAW).contentType("application/json")
                .body("{\"input_data\": {\"sepal length (cm)\": [5.1], \"sepal width (cm)\": [3.5], \"petal length (cm)\": [1.4], "
                        + "\"petal width (cm)\": [0.2]}}")
                .post("/score").then().statusCode(200).body("$", contains(0));
    }

    @Test
    void azureScoreTensorListMeetsTheColumnSignatureAsMlflowWould() {
        // a tensor for a column-signature model: MLflow (and Azure's MLflow scoring script) find the named columns missing
        given().config(RAW).contentType("application/json").body("{\"input_data\": [[5.1, 3.5, 1.4, 0.2]]}")
                .post("/score").then().statusCode(400).body("error_code", equalTo("INVALID_PARAMETER_VALUE"));
    }

    @Test
    void azureScoreTakesAnMlflowBodyToo() {
        given().config(RAW).contentType("application/json")
                .body("{\"dataframe_split\": {\"columns\": " + COLUMNS + ", \"data\": [[6.3, 3.3, 6.0, 2.5]]}}")
                .post("/score").then().statusCode(200).body("$", contains(2));
    }

    @Test
    void azureScoreErrorsAreMlflowErrors() {
        given().config(RAW).contentType("application/json").body("{\"input_data\": {\"columns\": [\"x\"], \"data\": [[1]]}}")
                .post("/score").then().statusCode(400).body("error_code", equalTo("INVALID_PARAMETER_VALUE"));
    }

    @Test
    void swaggerIsAValidOpenApiDocumentFromTheSignature() {
        String document = given().get("/swagger.json").then().statusCode(200).contentType("application/json").extract().asString();
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(document);
        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getPaths()).containsKeys("/score", "/");
        Schema<?> request = parsed.getOpenAPI().getComponents().getSchemas().get("ScoreRequest");
        Schema<?> inputData = request.getProperties().get("input_data");
        assertThat(inputData.getProperties().get("columns").getItems().getEnum())
                .containsExactly("sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)");
        assertThat(request.getExample()).isNotNull();
        assertThat(parsed.getOpenAPI().getComponents().getSchemas().get("ScoreResponse").getItems().getFormat()).isEqualTo("int64");
    }

    @Test
    void sageMakerExecutionParameters() {
        given().get("/execution-parameters").then().statusCode(200).body("BatchStrategy", equalTo("MULTI_RECORD"))
                .body("MaxPayloadInMB", equalTo(1)).body("MaxConcurrentTransforms", equalTo(Runtime.getRuntime().availableProcessors()));
    }

    @Test
    void sageMakerHeadersAreIgnored() {
        given().config(RAW).contentType("application/json").accept("application/json")
                .header("X-Amzn-SageMaker-Custom-Attributes", "trace=1").header("X-Amzn-SageMaker-Target-Model", "m.tar.gz")
                .body("{\"dataframe_split\": {\"columns\": " + COLUMNS + ", \"data\": [[5.1, 3.5, 1.4, 0.2]]}}")
                .post("/invocations").then().statusCode(200).body("predictions", contains(0));
    }

    @Test
    void readinessAndLivenessAreUp() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP")).body("checks[0].name", equalTo("model"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsCountInvocationsByStatusAndErrorsByCode() {
        given().config(RAW).contentType("application/json").body("{\"nope\": 1}").post("/invocations").then().statusCode(400);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("http_server_requests_seconds_count{").contains("uri=\"/invocations\"");
        assertThat(metrics).contains("modelport_scoring_errors_total{error_code=\"BAD_REQUEST\"");
        assertThat(metrics).contains("modelport_model_load_seconds");
        assertThat(metrics).contains("http_server_requests_seconds_bucket{").contains("le=\"0.0005\"").contains("le=\"+Inf\"");
    }

    @Test
    void aDeclaredBodyOverTheLimitIs413WithMlflowsErrorShape() {
        String big = "{\"dataframe_split\": {\"columns\": " + COLUMNS + ", \"data\": [" + "[5.1, 3.5, 1.4, 0.2],".repeat(5000) + "[1,1,1,1]]}}";
        given().config(RAW).contentType("application/json").body(big).post("/invocations")
                .then().statusCode(413).contentType("application/json").body("error_code", equalTo("BAD_REQUEST"))
                .body("message", containsString("modelport.max-body-size"));
    }

    @Test
    void aChunkedBodyOverTheLimitIs413Too() throws Exception {
        byte[] big = ("{\"dataframe_split\": {\"columns\": " + COLUMNS + ", \"data\": [" + "[5.1, 3.5, 1.4, 0.2],".repeat(5000) + "[1,1,1,1]]}}")
                .getBytes(StandardCharsets.UTF_8);
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpRequest request = HttpRequest.newBuilder(invocations).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.body()).contains("\"error_code\": \"BAD_REQUEST\"");
        }
    }
}
