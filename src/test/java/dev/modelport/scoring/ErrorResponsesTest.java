package dev.modelport.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.ErrorCode;
import dev.modelport.ModelportException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ErrorResponsesTest {

    @Test
    void writesMlflowsErrorObjectEscapingItsMessage() {
        assertThat(new String(ErrorResponses.errorJson(ErrorCode.BAD_REQUEST, "bad 'é'\n"), StandardCharsets.US_ASCII))
                .isEqualTo("{\"error_code\": \"BAD_REQUEST\", \"message\": \"bad '\\u00e9'\\n\"}");
    }

    @Test
    void aFailureIsAnsweredWithItsCodesStatus() {
        ScoringResponse answer = ErrorResponses.of(ModelportException.invalidParameter("no"));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo("application/json");
        assertThat(answer.bodyText()).isEqualTo("{\"error_code\": \"INVALID_PARAMETER_VALUE\", \"message\": \"no\"}");
    }

    @Test
    void aModelThatCannotLoadHasItsOwnCode() {
        ScoringResponse answer = ErrorResponses.notReady(Optional.of(ModelportException.badModel("no MLmodel file in /m")));
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.bodyText()).isEqualTo("{\"error_code\": \"MODEL_LOAD_FAILED\", \"message\": \"The model could not be loaded: no MLmodel file in /m\"}");
        assertThat(ErrorResponses.notReady(Optional.empty()).bodyText()).contains("\"TEMPORARILY_UNAVAILABLE\"");
    }

    @Test
    void theEdgesAnswersKeepTheirStatuses() {
        assertThat(ErrorResponses.bodyTooLarge("Request body", 10).status()).isEqualTo(413);
        assertThat(ErrorResponses.timedOut(Duration.ofSeconds(3)).status()).isEqualTo(504);
        assertThat(ErrorResponses.shuttingDown().status()).isEqualTo(503);
        assertThat(ErrorResponses.internal(new IllegalStateException("/secret/path")).bodyText())
                .isEqualTo("{\"error_code\": \"INTERNAL_ERROR\", \"message\": \"Internal error: IllegalStateException\"}");
        ScoringResponse unsupported = ErrorResponses.unsupportedMediaType("no");
        assertThat(unsupported.status()).isEqualTo(415);
        assertThat(unsupported.contentType()).isEqualTo("text/plain; charset=utf-8");
    }
}
