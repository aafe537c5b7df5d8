package dev.modelport.serving;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.modelport.testing.ProbeFlavor;
import dev.modelport.testing.ProbePredictor;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A request that takes longer than the timeout is answered 504 in MLflow's error shape. The model is
 * served through the {@link ProbeFlavor}, whose predict the test holds until it has the answer: the
 * request cannot be scored before its deadline, however fast the machine.
 */
@QuarkusTest
@TestProfile(RequestTimeoutTest.OneMillisecond.class)
class RequestTimeoutTest {

    public static class OneMillisecond implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("modelport.serve", "true", "modelport.model-uri", ProbeFlavor.probedCopy("sklearn_logreg_iris", "sklearn").toString(),
                    "modelport.flavor", ProbeFlavor.NAME, "modelport.timeout", "1ms");
        }
    }

    @Inject
    ServedModel served;

    @Test
    void aSlowRequestIsDeadlineExceeded() throws Exception {
        assertThat(served.loaded().get(60, TimeUnit.SECONDS)).isInstanceOf(ModelState.Ready.class);
        String csv = "sepal length (cm),sepal width (cm),petal length (cm),petal width (cm)\n" + "5.1,3.5,1.4,0.2\n".repeat(1000);
        // a small body of an in-process model is scored on the event loop, outside the timeout
        assertThat(csv.length()).as("a body scored on the scoring threads").isGreaterThan(ScoringRoutes.INLINE_MAX_BYTES);
        ProbePredictor probe = ProbeFlavor.loaded();
        try (ProbePredictor.Hold held = probe.hold()) { // predict waits until the answer is in
            given().config(RestAssuredConfig.config().encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                    .contentType("text/csv").body(csv).post("/invocations")
                    .then().statusCode(504).contentType("application/json").body("error_code", equalTo("DEADLINE_EXCEEDED"))
                    .body("message", containsString("--timeout"));
        }
    }
}
