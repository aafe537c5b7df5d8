package dev.modelport.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.data.codec.ScoringProtocol;
import dev.modelport.flavor.Flavors;
import dev.modelport.model.ModelDirectory;
import dev.modelport.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An error answer stays small whatever the request holds: what a message quotes from it is cut. */
class HugeInputErrorsTest {
    private static final int TEN_MB = 10 * 1024 * 1024;
    private static final int SMALL = 32 * 1024;

    private final ScoringService iris = ScoringService.open(ModelDirectory.open(Fixtures.modelDir("sklearn_logreg_iris")), Flavors.installed(),
            Optional.empty(), ScoringProtocol.BOTH);

    @Test
    void aHugeColumnNameIsQuotedCut() {
        String name = "x".repeat(TEN_MB);
        ScoringResponse answer = score("{\"dataframe_split\": {\"columns\": [\"" + name + "\"], \"data\": [[1.0]]}}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().length).isLessThan(SMALL);
        assertThat(answer.bodyText()).contains("\"error_code\": \"INVALID_PARAMETER_VALUE\"", "Model is missing inputs",
                "'" + "x".repeat(200) + "\\u2026'");
    }

    @Test
    void aHugeValueThatDoesNotConvertIsQuotedCut() {
        String value = "y".repeat(TEN_MB);
        ScoringResponse answer = score("{\"dataframe_split\": {\"columns\": [\"sepal length (cm)\", \"sepal width (cm)\", \"petal length (cm)\","
                + " \"petal width (cm)\"], \"data\": [[\"" + value + "\", 3.5, 1.4, 0.2]]}}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().length).isLessThan(SMALL);
        assertThat(answer.bodyText()).contains("yyyy").endsWith("\\u2026\"}");
    }

    private ScoringResponse score(String body) {
        return iris.score("application/json", body.getBytes(StandardCharsets.UTF_8));
    }
}
