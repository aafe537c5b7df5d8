package dev.modelport.serving;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.modelport.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A request that takes longer than the timeout is answered 504 in MLflow's error shape. */
@QuarkusTest
@TestProfile(RequestTimeoutTest.OneMillisecond.class)
class RequestTimeoutTest {

    public static class OneMillisecond implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("modelport.serve", "true", "modelport.model-uri", Fixtures.modelDir("sklearn_logreg_iris").toString(),
                    "modelport.timeout", "1ms");
        }
    }

    @Inject
    ServedModel served;

    @Test
    void aSlowRequestIsDeadlineExceeded() throws Exception {
        assertThat(served.loaded().get(60, TimeUnit.SECONDS)).isInstanceOf(ModelState.Ready.class);
        // 200,000 rows take far longer than a millisecond to decode and score
        String csv = "sepal length (cm),sepal width (cm),petal length (cm),petal width (cm)\n" + "5.1,3.5,1.4,0.2\n".repeat(200_000);
        given().config(RestAssuredConfig.config().encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType("text/csv").body(csv).post("/invocations")
                .then().statusCode(504).contentType("application/json").body("error_code", equalTo("DEADLINE_EXCEEDED"))
                .body("message", containsString("--timeout"));
    }
}
