package dev.modelport.flavor.xgboost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.data.Column;
import dev.modelport.data.DoubleColumn;
import dev.modelport.data.Frame;
import dev.modelport.data.Params;
import dev.modelport.data.Tensor;
import dev.modelport.flavor.Predictor;
import dev.modelport.testing.FixtureCase;
import dev.modelport.testing.Fixtures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The shared fixture {@code xgboost_booster_json}: rows MLflow 2.12 scored, and what it answered. */
class XgboostFixtureTest {
    private static final String MODEL = "xgboost_booster_json";
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<FixtureCase> recordedRowCases() {
        List<FixtureCase> cases = Fixtures.cases(MODEL).stream()
                .filter(c -> c.name().equals("split_rows") || c.name().equals("split_one_row"))
                .toList();
        assertThat(cases).hasSize(2);
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordedRowCases")
    void predictsWhatMlflowAnsweredForTheRecordedRows(FixtureCase c) throws IOException {
        JsonNode split = JSON.readTree(c.body()).get("dataframe_split");
        Predictor predictor = XgboostOracleTest.load(Fixtures.modelDir(MODEL));

        Tensor out = (Tensor) predictor.predict(frame(split.get("columns"), split.get("data")), Params.NONE);

        JsonNode want = c.expectJson().orElseThrow().get("predictions");
        assertThat(out.shape()).containsExactly(want.size());
        double[] got = ((DoubleColumn) out.values()).values();
        for (int i = 0; i < want.size(); i++) {
            assertThat(got[i]).isCloseTo(want.get(i).doubleValue(), within(c.tolerance() * Math.abs(want.get(i).doubleValue())));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordedRowCases")
    void theInputExampleScoresTheSameRowsAsTheRecordedCase(FixtureCase c) throws IOException {
        // the input example holds split_rows' first two rows at full precision; their predictions
        // agree with the recorded (rounded-input) ones to the fixture tolerance
        JsonNode example = JSON.readTree(Fixtures.modelDir(MODEL).resolve("input_example.json").toFile());
        Predictor predictor = XgboostOracleTest.load(Fixtures.modelDir(MODEL));

        Tensor out = (Tensor) predictor.predict(frame(example.get("columns"), example.get("data")), Params.NONE);

        JsonNode want = c.expectJson().orElseThrow().get("predictions");
        double[] got = ((DoubleColumn) out.values()).values();
        for (int i = 0; i < Math.min(want.size(), got.length); i++) {
            assertThat(got[i]).isCloseTo(want.get(i).doubleValue(), within(c.tolerance() * Math.abs(want.get(i).doubleValue())));
        }
    }

    static Frame frame(JsonNode columns, JsonNode data) {
        List<String> names = new ArrayList<>();
        columns.forEach(n -> names.add(n.asText()));
        List<Column> cols = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            double[] values = new double[data.size()];
            for (int r = 0; r < data.size(); r++) {
                values[r] = data.get(r).get(c).doubleValue();
            }
            cols.add(DoubleColumn.of(values));
        }
        return Frame.of(names, cols);
    }
}
