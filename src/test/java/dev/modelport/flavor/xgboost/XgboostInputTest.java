package dev.modelport.flavor.xgboost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.data.Column;
import dev.modelport.data.DoubleColumn;
import dev.modelport.data.Dtype;
import dev.modelport.data.Frame;
import dev.modelport.data.LongColumn;
import dev.modelport.data.ObjectColumn;
import dev.modelport.data.Params;
import dev.modelport.data.Tensor;
import dev.modelport.flavor.Predictor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the XGBoost predictor takes its input, and fails on input xgboost would refuse, with xgboost's words. */
class XgboostInputTest {
    private static final List<String> NAMES = List.of("f0", "f1", "f2", "f3", "f4");

    private static Predictor named() {
        return XgboostOracleTest.load(XgboostOracleTest.MODELS.resolve("reg_squarederror_json/model"));
    }

    private static Predictor unnamed() {
        return XgboostOracleTest.load(XgboostOracleTest.MODELS.resolve("reg_squarederror_xgb/model"));
    }

    private static Frame frame(List<String> names, double... row) {
        List<Column> columns = new ArrayList<>();
        for (double v : row) {
            columns.add(DoubleColumn.of(v));
        }
        return Frame.of(names, columns);
    }

    private static double single(Predictor p, dev.modelport.data.Input input) {
        return ((DoubleColumn) ((Tensor) p.predict(input, Params.NONE)).values()).values()[0];
    }

    @Test
    void rejectsFrameWhoseColumnNamesDifferFromTheModelsFeatureNames() {
        Frame renamed = frame(List.of("f0", "f1", "f2", "f3", "x"), 1, 2, 3, 4, 5);
        assertThatThrownBy(() -> named().predict(renamed, Params.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("feature_names mismatch: ['f0', 'f1', 'f2', 'f3', 'f4'] ['f0', 'f1', 'f2', 'f3', 'x']"
                        + "\nexpected f4 in input data\ntraining data did not have the following fields: x");
    }

    @Test
    void namesInAMismatchAreQuotedAsPythonQuotesThem() {
        Frame renamed = frame(List.of("f0", "f1", "f2", "f3", "it's"), 1, 2, 3, 4, 5);
        assertThatThrownBy(() -> named().predict(renamed, Params.NONE))
                .hasMessageStartingWith("feature_names mismatch: ['f0', 'f1', 'f2', 'f3', 'f4'] ['f0', 'f1', 'f2', 'f3', \"it's\"]");
    }

    @Test
    void rejectsStringColumnsAsDmatrixDoes() {
        Frame strings = Frame.of(NAMES, List.of(ObjectColumn.of("a"), DoubleColumn.of(1), DoubleColumn.of(1), DoubleColumn.of(1),
                DoubleColumn.of(1)));
        assertThatThrownBy(() -> named().predict(strings, Params.NONE))
                .hasMessageStartingWith("DataFrame.dtypes for data must be int, float, bool or category.")
                .hasMessageEndingWith("Invalid columns:f0: object");
    }

    @Test
    void rejectsMoreColumnsThanTheBoosterHasFeatures() {
        Frame wide = frame(List.of("a", "b", "c", "d", "e", "f"), 1, 2, 3, 4, 5, 6);
        assertThatThrownBy(() -> unnamed().predict(wide, Params.NONE))
                .hasMessageContaining("(5 vs. 6) : Number of columns does not match number of features in booster.");
    }

    @Test
    void scoresMissingTrailingColumnsAsMissingValues() {
        Frame narrow = frame(List.of("a", "b", "c"), 0.5, -1, 2);
        Frame padded = frame(List.of("a", "b", "c", "d", "e"), 0.5, -1, 2, Double.NaN, Double.NaN);
        assertThat(single(unnamed(), narrow)).isEqualTo(single(unnamed(), padded));
    }

    @Test
    void scoresIntegerColumnsAsTheirFloatValues() {
        Frame longs = Frame.of(NAMES, List.of(LongColumn.of(1), LongColumn.of(-2), LongColumn.of(3), LongColumn.of(0), LongColumn.of(1)));
        assertThat(single(named(), longs)).isEqualTo(single(named(), frame(NAMES, 1, -2, 3, 0, 1)));
    }

    @Test
    void scoresA2dTensorOnlyWhenTheModelHasNoFeatureNames() {
        Tensor matrix = new Tensor(new DoubleColumn(new double[] {0.5, -1, 2, 0.1, 0.2}, Dtype.FLOAT64), 1, 5);
        assertThat(single(unnamed(), matrix)).isEqualTo(single(unnamed(), frame(NAMES, 0.5, -1, 2, 0.1, 0.2)));
        assertThatThrownBy(() -> named().predict(matrix, Params.NONE))
                .hasMessage("training data did not have the following fields: f0, f1, f2, f3, f4");
    }
}
