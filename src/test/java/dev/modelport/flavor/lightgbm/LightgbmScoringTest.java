package dev.modelport.flavor.lightgbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.data.codec.ScoringProtocol;
import dev.modelport.data.parallel.SpareCores;
import dev.modelport.flavor.EnvManager;
import dev.modelport.flavor.Flavors;
import dev.modelport.flavor.LoadOptions;
import dev.modelport.flavor.Predictor;
import dev.modelport.model.Model;
import dev.modelport.model.ModelDirectory;
import dev.modelport.scoring.ScoringResponse;
import dev.modelport.scoring.ScoringService;
import io.github.metarank.lightgbm4j.LGBMBooster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * End to end without HTTP: an mlflow.lightgbm model directory opened by {@link ScoringService#open}
 * with the installed flavors answers a {@code dataframe_split} request (nulls for missing values)
 * with {@code {"predictions": ...}} holding what LightGBM predicts, a list per row for several classes.
 */
class LightgbmScoringTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROWS = 50;

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"binary, objective=binary, 1", "multiclass, objective=multiclass num_class=3, 3", "poisson, objective=poisson, 1"})
    void answersADataframeSplitRequestWithLightgbmsPredictions(String name, String params, int classes) throws Exception {
        DoubleUnaryOperator label = switch (name) {
            case "binary" -> s -> s > 0.6 ? 1 : 0;
            case "multiclass" -> s -> s < 0 ? 0 : s < 1 ? 1 : 2;
            default -> s -> Math.floor(Math.exp(0.5 * s));
        };
        double[] train = LightgbmTraining.features(21, 500, false);
        Path dir;
        try (LGBMBooster booster = LightgbmTraining.train(train, 500, LightgbmTraining.labels(train, 500, label, 22), params,
                LightgbmTraining.CATEGORICAL, 15, 0)) {
            dir = LightgbmTraining.saveMlflow(booster, tmp.resolve(name), true);
        }
        double[] x = LightgbmTraining.features(23, ROWS, true);
        double[] want = LightgbmTraining.oracle(dir, x, ROWS);

        ScoringService service = ScoringService.open(ModelDirectory.open(dir), Flavors.installed(), Optional.empty(), ScoringProtocol.BOTH);
        ScoringResponse response = service.score("application/json", request(x).getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
        JsonNode predictions = JSON.readTree(response.body()).get("predictions");
        assertThat(predictions.size()).isEqualTo(ROWS);
        for (int r = 0; r < ROWS; r++) {
            JsonNode row = predictions.get(r);
            assertThat(row.isArray()).isEqualTo(classes > 1);
            for (int k = 0; k < classes; k++) {
                double got = (classes > 1 ? row.get(k) : row).doubleValue();
                double expected = want[r * classes + k];
                assertThat(got).as("row %d class %d", r, k)
                        .isCloseTo(expected, offset(1e-12 * Math.max(1, Math.abs(expected))));
            }
        }
    }

    @Test
    void withoutSignatureScoresInstancesAsAnArrayAndAnswersAWrongWidthWithMlflowsError() throws Exception {
        double[] train = LightgbmTraining.features(31, 400, false);
        Path dir;
        try (LGBMBooster booster = LightgbmTraining.train(train, 400, LightgbmTraining.labels(train, 400, s -> s, 32),
                "objective=regression", LightgbmTraining.CATEGORICAL, 10, 0)) {
            dir = LightgbmTraining.saveMlflow(booster, tmp.resolve("nosig"), false);
        }
        double[] x = {0.5, -1.25, 0.0, 2.0, 3.0, 12.0, -0.75, 0.25, 1.5, -2.0, 7.0, 41.0};
        double[] want = LightgbmTraining.oracle(dir, x, 2);
        ScoringService service = ScoringService.open(ModelDirectory.open(dir), Flavors.installed(), Optional.empty(), ScoringProtocol.BOTH);
        try (SpareCores spare = new SpareCores(2)) { // LightGBM predicts every row on its own: a big input is predicted in parts
            Predictor inParts = Flavors.installed().load(ModelDirectory.open(dir), Model.load(dir), Optional.empty(),
                    new LoadOptions(1, EnvManager.LOCAL, spare));
            assertThat(inParts.getClass().getSimpleName()).isEqualTo("RowSplitPredictor");
        }

        ScoringResponse ok = service.score("application/json",
                "{\"instances\": [[0.5, -1.25, 0.0, 2.0, 3, 12], [-0.75, 0.25, 1.5, -2.0, 7, 41]]}".getBytes(StandardCharsets.UTF_8));
        assertThat(ok.status()).as(ok.bodyText()).isEqualTo(200);
        JsonNode predictions = JSON.readTree(ok.body()).get("predictions");
        assertThat(predictions.get(0).doubleValue()).isEqualTo(want[0]);
        assertThat(predictions.get(1).doubleValue()).isEqualTo(want[1]);

        ScoringResponse narrow = service.score("application/json",
                "{\"dataframe_split\": {\"columns\": [\"a\", \"b\"], \"data\": [[1.0, 2.0]]}}".getBytes(StandardCharsets.UTF_8));
        assertThat(narrow.status()).isEqualTo(400);
        JsonNode error = JSON.readTree(narrow.body());
        assertThat(error.get("error_code").asText()).isEqualTo("BAD_REQUEST");
        assertThat(error.get("message").asText())
                .contains("The number of features in data (2) is not the same as it was in training data (6).");
    }

    /** {"dataframe_split": {"columns": [...], "data": [[...], ...]}} with null for NaN. */
    private static String request(double[] x) throws Exception {
        List<List<Double>> data = new ArrayList<>();
        for (int r = 0; r < ROWS; r++) {
            List<Double> row = new ArrayList<>();
            for (int c = 0; c < LightgbmTraining.COLS; c++) {
                double v = x[r * LightgbmTraining.COLS + c];
                row.add(Double.isNaN(v) ? null : v);
            }
            data.add(row);
        }
        return JSON.writeValueAsString(Map.of("dataframe_split", Map.of("columns", LightgbmTraining.NAMES, "data", data)));
    }
}
