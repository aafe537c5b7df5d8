package dev.modelport.flavor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchRuntimeException;

import dev.modelport.data.BooleanColumn;
import dev.modelport.data.DoubleColumn;
import dev.modelport.data.Dtype;
import dev.modelport.data.Frame;
import dev.modelport.data.LongColumn;
import dev.modelport.data.ObjectColumn;
import dev.modelport.data.Output;
import dev.modelport.data.Params;
import dev.modelport.data.Rows;
import dev.modelport.data.parallel.SpareCores;
import dev.modelport.data.parallel.SplitThresholds;
import dev.modelport.model.Model;
import dev.modelport.model.ModelDirectory;
import dev.modelport.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The MLflow-saved scikit-learn pipeline (ColumnTransformer + GradientBoostingClassifier) predicted in parts. */
class RowSplitPredictorTest {
    private static final int ROWS = 10_000;
    private static final String[] COLORS = {"blue", "red", "green"};

    private final Predictor whole = load("sklearn_pipeline_mixed");

    @Test
    void partsAnswerAsTheWholeInputDoes() {
        Frame input = frame(ROWS);
        Output expected = whole.predict(input, Params.NONE);
        RowSplitPredictor split = new RowSplitPredictor(whole, spare(3, 0));
        for (int parts = 2; parts <= 3; parts++) {
            assertThat(split.inParts(input, Params.NONE, ROWS, parts)).as("%d parts", parts).get()
                    .usingRecursiveComparison().isEqualTo(expected);
        }
        split.predict(input, Params.NONE); // keeps the pace, so the next one goes in parts
        assertThat(split.predict(input, Params.NONE)).usingRecursiveComparison().isEqualTo(expected);
    }

    @Test
    void aPartFailingFailsAsTheWholeInputDoes() {
        Frame input = frame(ROWS);
        ((DoubleColumn) input.columns().get(2)).values()[ROWS - 10] = Double.NaN; // GradientBoostingClassifier refuses NaN
        RuntimeException expected = catchRuntimeException(() -> whole.predict(input, Params.NONE));
        RowSplitPredictor split = new RowSplitPredictor(whole, spare(2, 0));
        assertThat(split.inParts(input, Params.NONE, ROWS, 2)).as("the second part failed").isEmpty();

        split.predict(frame(ROWS), Params.NONE);
        assertThat(split.parts(ROWS)).isEqualTo(2);
        assertThatThrownBy(() -> split.predict(input, Params.NONE)).isInstanceOf(expected.getClass()).hasMessage(expected.getMessage());
    }

    @Test
    void aBigInputGoesInPartsOnceOneHasShownTheModelsPace() {
        RowSplitPredictor split = new RowSplitPredictor(whole, spare(2, 0));
        assertThat(split.parts(ROWS)).as("pace unknown").isEqualTo(1);
        split.predict(frame(SplitThresholds.MEASURED.minPartRows()), Params.NONE);
        assertThat(split.parts(ROWS)).as("a small input shows no pace").isEqualTo(1);
        split.predict(frame(ROWS), Params.NONE);
        assertThat(split.parts(ROWS)).isEqualTo(2);
        assertThat(split.parts(2 * SplitThresholds.MEASURED.minPartRows() - 1)).as("too few rows for two parts").isEqualTo(1);
        RowSplitPredictor quick = new RowSplitPredictor(whole, spare(2, Long.MAX_VALUE));
        quick.predict(frame(ROWS), Params.NONE);
        assertThat(quick.parts(ROWS)).as("parts too quick to hand over").isEqualTo(1);
    }

    @Test
    void flavorsPredictInPartsWhatPredictsRowByRowWhenThereAreSpareCores() {
        try (SpareCores spare = new SpareCores(2)) {
            LoadOptions options = new LoadOptions(1, EnvManager.LOCAL, spare);
            for (String fixture : new String[] {"sklearn_pipeline_mixed", "xgboost_booster_json"}) {
                ModelDirectory dir = ModelDirectory.open(Fixtures.modelDir(fixture));
                assertThat(Flavors.installed().load(dir, Model.load(dir.root()), Optional.empty(), options)).as(fixture)
                        .isInstanceOf(RowSplitPredictor.class);
            }
        }
        assertThat(load("sklearn_pipeline_mixed")).as("one core").isNotInstanceOf(RowSplitPredictor.class);
    }

    @Test
    void aBigInputIsGivenToTheModelAChunkAtATimeAndAnsweredAsWhole() {
        int rows = (int) (RowSplitPredictor.MAX_CHUNK_VALUES / 4 * 2 + 100); // four columns: three chunks
        Frame input = frame(rows);
        Output expected = whole.predict(input, Params.NONE);
        List<Integer> calls = new ArrayList<>();
        Predictor counted = (in, params) -> {
            calls.add(Rows.count(in));
            return whole.predict(in, params);
        };
        RowSplitPredictor split = new RowSplitPredictor(counted, spare(1, 0));
        assertThat(split.inChunks(input, 0, rows, Params.NONE)).usingRecursiveComparison().isEqualTo(expected);
        assertThat(calls).hasSize(3).allSatisfy(n -> assertThat((long) n * 4).isLessThanOrEqualTo(RowSplitPredictor.MAX_CHUNK_VALUES));

        ((DoubleColumn) input.columns().get(2)).values()[rows - 10] = Double.NaN; // GradientBoostingClassifier refuses NaN
        RuntimeException failure = catchRuntimeException(() -> whole.predict(input, Params.NONE));
        assertThatThrownBy(() -> split.inChunks(input, 0, rows, Params.NONE)).as("the last chunk failed: the whole input's failure")
                .isInstanceOf(failure.getClass()).hasMessage(failure.getMessage());
    }

    /** {@code cores} spare cores that split an input whose parts take {@code minPartNanos} or more. */
    private static SpareCores spare(int cores, long minPartNanos) {
        return new SpareCores(cores, new SplitThresholds(SplitThresholds.MEASURED.decodeInHalvesFromBytes(), SplitThresholds.MEASURED.minPartRows(),
                minPartNanos));
    }

    private static Predictor load(String fixture) {
        ModelDirectory dir = ModelDirectory.open(Fixtures.modelDir(fixture));
        return Flavors.installed().load(dir, Model.load(dir.root()));
    }

    private static Frame frame(int rows) {
        Object[] color = new Object[rows];
        long[] count = new long[rows];
        double[] price = new double[rows];
        boolean[] member = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            color[i] = COLORS[i % COLORS.length];
            count[i] = i % 17;
            price[i] = (i % 1000) / 10.0;
            member[i] = i % 3 == 0;
        }
        return Frame.of(List.of("color", "count", "price", "member"), List.of(new ObjectColumn(color, Dtype.STR),
                new LongColumn(count, Dtype.INT64), new DoubleColumn(price, Dtype.FLOAT64), new BooleanColumn(member)));
    }
}
