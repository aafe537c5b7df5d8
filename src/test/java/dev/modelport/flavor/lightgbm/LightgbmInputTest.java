package dev.modelport.flavor.lightgbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import dev.modelport.data.Column;
import dev.modelport.data.DoubleColumn;
import dev.modelport.data.Dtype;
import dev.modelport.data.Frame;
import dev.modelport.data.LongColumn;
import dev.modelport.data.ObjectColumn;
import dev.modelport.data.Params;
import dev.modelport.data.Tensor;
import dev.modelport.data.TensorMap;
import dev.modelport.flavor.Predictor;
import dev.modelport.model.Model;
import dev.modelport.model.ModelDirectory;
import io.github.metarank.lightgbm4j.LGBMBooster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the LightGBM predictor takes its input, and refuses what Booster.predict refuses, with the Python package's words. */
class LightgbmInputTest {
    @TempDir
    static Path tmp;
    private static Path binaryDir;
    private static Predictor binary;
    private static Predictor multiclass;

    @BeforeAll
    static void train() throws Exception {
        double[] x = LightgbmTraining.features(5, 400, false);
        try (LGBMBooster b = LightgbmTraining.train(x, 400, LightgbmTraining.labels(x, 400, s -> s > 0.6 ? 1 : 0, 6), "objective=binary",
                LightgbmTraining.CATEGORICAL, 10, 0);
                LGBMBooster m = LightgbmTraining.train(x, 400, LightgbmTraining.labels(x, 400, s -> s < 0 ? 0 : s < 1 ? 1 : 2, 7),
                        "objective=multiclass num_class=3", LightgbmTraining.CATEGORICAL, 10, 0)) {
            binaryDir = LightgbmTraining.saveMlflow(b, tmp.resolve("binary"), true);
            binary = load(binaryDir);
            multiclass = load(LightgbmTraining.saveMlflow(m, tmp.resolve("multiclass"), true));
        }
    }

    private static Predictor load(Path dir) {
        return new LightgbmFlavor().load(ModelDirectory.open(dir), Model.load(dir));
    }

    private static Frame frame(List<String> names, double... row) {
        List<Column> columns = new ArrayList<>();
        for (double v : row) {
            columns.add(DoubleColumn.of(v));
        }
        return Frame.of(names, columns);
    }

    private static final double[] ROW = {0.5, -1, Double.NaN, 0.2, 3, 12};

    private static double[] predict(Predictor p, dev.modelport.data.Input input) {
        return ((DoubleColumn) ((Tensor) p.predict(input, Params.NONE)).values()).values();
    }

    @Test
    void binaryPredictsOneProbabilityPerRowAndMulticlassARowOfClasses() {
        Tensor one = (Tensor) binary.predict(frame(LightgbmTraining.NAMES, ROW), Params.NONE);
        assertThat(one.shape()).containsExactly(1);
        assertThat(one.dtype()).isEqualTo(Dtype.FLOAT64);
        Tensor classes = (Tensor) multiclass.predict(frame(LightgbmTraining.NAMES, ROW), Params.NONE);
        assertThat(classes.shape()).containsExactly(1, 3);
        double[] p = ((DoubleColumn) classes.values()).values();
        assertThat(p[0] + p[1] + p[2]).isCloseTo(1.0, offset(1e-15));
    }

    @Test
    void matchesColumnsByPositionAsBoosterPredictDoesWithoutValidateFeatures() {
        List<String> renamed = List.of("a", "b", "c", "d", "e", "f");
        assertThat(predict(binary, frame(renamed, ROW))).containsExactly(predict(binary, frame(LightgbmTraining.NAMES, ROW)));
    }

    @Test
    void refusesAnotherNumberOfColumnsWithLightgbmsMessage() {
        assertThatThrownBy(() -> binary.predict(frame(List.of("a", "b", "c"), 1, 2, 3), Params.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The number of features in data (3) is not the same as it was in training data (6).\n"
                        + "You can set ``predict_disable_shape_check=true`` to discard this error,"
                        + " but please be aware what you are doing.");
    }

    @Test
    void refusesStringColumnsAndEmptyFramesAsThePythonPackageDoes() {
        List<Column> columns = new ArrayList<>();
        columns.add(ObjectColumn.of("x"));
        for (int i = 1; i < 6; i++) {
            columns.add(DoubleColumn.of(1));
        }
        assertThatThrownBy(() -> binary.predict(Frame.of(LightgbmTraining.NAMES, columns), Params.NONE))
                .hasMessage("pandas dtypes must be int, float or bool.\nFields with bad pandas dtypes: c0: object");
        List<Column> empty = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            empty.add(DoubleColumn.of());
        }
        assertThatThrownBy(() -> binary.predict(Frame.of(LightgbmTraining.NAMES, empty), Params.NONE))
                .hasMessage("Input data must be 2 dimensional and non empty.");
    }

    @Test
    void scoresIntegerColumnsAsTheirValues() {
        List<Column> longs = new ArrayList<>();
        for (double v : new double[] {1, -2, 0, 3, 4, 12}) {
            longs.add(LongColumn.of((long) v));
        }
        assertThat(predict(binary, Frame.of(LightgbmTraining.NAMES, longs)))
                .containsExactly(predict(binary, frame(LightgbmTraining.NAMES, 1, -2, 0, 3, 4, 12)));
    }

    @Test
    void scoresA2dArrayAndRefusesOtherShapes() {
        Tensor matrix = new Tensor(new DoubleColumn(ROW.clone(), Dtype.FLOAT64), 1, 6);
        assertThat(predict(binary, matrix)).containsExactly(predict(binary, frame(LightgbmTraining.NAMES, ROW)));
        assertThatThrownBy(() -> binary.predict(new Tensor(new DoubleColumn(ROW.clone(), Dtype.FLOAT64), 6), Params.NONE))
                .hasMessage("Input numpy.ndarray or list must be 2 dimensional");
        assertThatThrownBy(() -> binary.predict(new TensorMap(Map.of("x", matrix)), Params.NONE))
                .hasMessage("Cannot predict data for type dict");
    }

    @Test
    void aModelTrainedOnPandasCategoriesFailsOnJsonFramesAsInMlflow() throws Exception {
        Path dir = tmp.resolve("pandas_categorical");
        Files.createDirectories(dir);
        for (String file : List.of("MLmodel", "model.lgb")) {
            Files.copy(binaryDir.resolve(file), dir.resolve(file));
        }
        String text = Files.readString(dir.resolve("model.lgb"));
        Files.writeString(dir.resolve("model.lgb"), text.replace("pandas_categorical:null", "pandas_categorical:[[\"a\", \"b\", \"c\"]]"));
        Predictor categorical = load(dir);
        assertThatThrownBy(() -> categorical.predict(frame(LightgbmTraining.NAMES, ROW), Params.NONE))
                .hasMessage("train and valid dataset categorical_feature do not match.");
        Tensor matrix = new Tensor(new DoubleColumn(ROW.clone(), Dtype.FLOAT64), 1, 6);
        assertThat(predict(categorical, matrix)).containsExactly(predict(binary, matrix));
    }
}
