package dev.modelport.flavor.lightgbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.flavor.Flavors;
import dev.modelport.model.ModelDirectory;
import dev.modelport.scoring.ScoringProtocol;
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
