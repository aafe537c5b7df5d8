package dev.modelport.flavor.xgboost;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.data.Column;
import dev.modelport.data.DoubleColumn;
import dev.modelport.data.Dtype;
import dev.modelport.data.Frame;
import dev.modelport.data.LongColumn;
import dev.modelport.data.Params;
import dev.modelport.data.Tensor;
import dev.modelport.flavor.Flavors;
import dev.modelport.flavor.Predictor;
import dev.modelport.model.Model;
import dev.modelport.model.ModelDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every model of {@code src/test/resources/xgboost} (trained and saved with mlflow.xgboost by
 * xgboost 1.7.4, see {@code src/test/python/generate_xgboost_models.py}) predicts what MLflow's
 * pyfunc predicted on 50 rows with missing values.
 *
 * <p>Tolerance: relative 1e-6 (absolute 1e-6 near zero), the fixtures' tolerance for XGBoost's
 * float32 outputs. Inputs, thresholds, leaf sums and transforms are all float32 as in XGBoost, so
 * tree paths match exactly; only the transcendental functions (expf in XGBoost, Math.exp rounded
 * to float here) and logit(base_score) may differ in the last bit or two.
 */
class XgboostOracleTest {
    static final Path MODELS = Path.of("src/test/resources/xgboost");
    private static final ObjectMapper JSON = new ObjectMapper();
    static final double TOLERANCE = 1e-6;

    static Stream<String> generatedModels() throws IOException {
        try (Stream<Path> dirs = Files.list(MODELS)) {
            List<String> names = dirs.filter(d -> Files.isRegularFile(d.resolve("expected.json")))
                    .map(d -> d.getFileName().toString()).sorted().toList();
            assertThat(names).hasSizeGreaterThanOrEqualTo(20);
            return names.stream();
        }
    }

    static Predictor load(Path modelDir) {
        ModelDirectory dir = ModelDirectory.open(modelDir);
        return new Flavors(List.of(new XgboostFlavor())).load(dir, Model.load(modelDir));
    }

    /** The rows of expected.json as a frame of float64 columns, NaN where JSON has null. */
    static Frame frame(JsonNode expected) {
        List<String> names = new ArrayList<>();
        expected.get("columns").forEach(c -> names.add(c.asText()));
        JsonNode rows = expected.get("rows");
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            double[] values = new double[rows.size()];
            for (int r = 0; r < rows.size(); r++) {
                JsonNode v = rows.get(r).get(c);
                values[r] = v.isNull() ? Double.NaN : v.doubleValue();
            }
            columns.add(DoubleColumn.of(values));
        }
        return Frame.of(names, columns);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generatedModels")
    void predictsLikeMlflowPyfuncWithXgboost174(String name) throws IOException {
        JsonNode expected = JSON.readTree(MODELS.resolve(name).resolve("expected.json").toFile());
        Tensor out = (Tensor) load(MODELS.resolve(name).resolve("model")).predict(frame(expected), Params.NONE);

        int[] shape = new int[expected.get("shape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = expected.get("shape").get(i).asInt();
        }
        assertThat(out.shape()).containsExactly(shape);
        assertThat(out.dtype().numpyName()).isEqualTo(expected.get("dtype").asText());
        List<Double> want = new ArrayList<>();
        expected.get("predictions").forEach(p -> {
            if (p.isArray()) {
                p.forEach(v -> want.add(v.doubleValue()));
            } else {
                want.add(p.doubleValue());
            }
        });
        for (int i = 0; i < want.size(); i++) {
            double got = switch (out.values()) {
                case DoubleColumn d -> d.values()[i];
                case LongColumn l -> l.values()[i];
                default -> throw new AssertionError("unexpected column " + out.values());
            };
            assertThat(got).as("%s value %d", name, i).isCloseTo(want.get(i),
                    org.assertj.core.data.Offset.offset(TOLERANCE * Math.max(1.0, Math.abs(want.get(i)))));
        }
    }

    @Test
    void float32OutputsAreWidenedExactlyFromFloat() throws IOException {
        JsonNode expected = JSON.readTree(MODELS.resolve("binary_logistic_json/expected.json").toFile());
        Tensor out = (Tensor) load(MODELS.resolve("binary_logistic_json/model")).predict(frame(expected), Params.NONE);
        assertThat(out.dtype()).isEqualTo(Dtype.FLOAT32);
        for (double v : ((DoubleColumn) out.values()).values()) {
            assertThat((double) (float) v).isEqualTo(v);
        }
    }
}
