package dev.modelport.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.data.codec.ScoringProtocol;
import dev.modelport.flavor.Flavors;
import dev.modelport.model.ModelDirectory;
import dev.modelport.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * MLflow 2.12 cannot read CSV for a tensor signature (a recorded quirk: "TensorSpec only supports
 * numpy types"); Modelport parses the CSV into the tensor and answers what the same rows sent as
 * {@code inputs} get.
 */
class TensorCsvTest {
    private static final String ROWS = "[[0.0963, -0.4655, -1.5124], [0.4375, 0.2387, 0.0513], [-0.4341, -0.8335, -0.2267]]";

    @Test
    void csvRowsScoreLikeTheSameRowsAsInputs() {
        ScoringService scoring = ScoringService.open(ModelDirectory.open(Fixtures.modelDir("sklearn_linreg_tensor")), Flavors.installed(),
                Optional.empty(), ScoringProtocol.BOTH);
        ScoringResponse csv = scoring.score("text/csv",
                "0,1,2\n0.0963,-0.4655,-1.5124\n0.4375,0.2387,0.0513\n-0.4341,-0.8335,-0.2267\n".getBytes(StandardCharsets.UTF_8));
        ScoringResponse inputs = scoring.score("application/json", ("{\"inputs\": " + ROWS + "}").getBytes(StandardCharsets.UTF_8));
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.bodyText()).isEqualTo(inputs.bodyText())
                .isEqualTo("{\"predictions\": [3.6781295860595447, 3.1882837886662516, 3.942941685837053]}");
    }
}
