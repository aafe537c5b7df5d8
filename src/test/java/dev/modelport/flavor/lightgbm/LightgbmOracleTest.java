package dev.modelport.flavor.lightgbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.modelport.data.Column;
import dev.modelport.data.DoubleColumn;
import dev.modelport.data.Frame;
import dev.modelport.data.Params;
import dev.modelport.data.Tensor;
import dev.modelport.flavor.Flavors;
import dev.modelport.flavor.Predictor;
import dev.modelport.model.Model;
import dev.modelport.model.ModelDirectory;
import io.github.metarank.lightgbm4j.LGBMBooster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleUnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Models of every objective, trained by lightgbm4j (LightGBM 4.3.0) on data with NaN, zeros and
 * categorical columns, saved as mlflow.lightgbm saves a Booster, loaded through
 * {@link Flavors#installed()}, predict on 300 fresh rows what LightGBM predicts on them from the
 * saved file. The rows hold what training never saw: NaN in a column that had none, values next
 * to kZeroThreshold, negative, fractional, unseen and huge categories.
 *
 * <p>Tolerance: relative 1e-12 (absolute near zero). Parsing, tree paths and the score sums
 * (double, tree order) are LightGBM's exactly; only {@code exp}/{@code log1p} (glibc in LightGBM,
 * {@link Math} here) may differ in the last bit. Exact matches are counted and reported.
 */
class LightgbmOracleTest {
    static final int TRAIN_ROWS = 600;
    static final int ROWS = 300;
    private static final double TOLERANCE = 1e-12;
    private static final AtomicLong MODELS = new AtomicLong();
    private static final AtomicLong VALUES = new AtomicLong();
    private static final AtomicLong EXACT = new AtomicLong();
    private static final AtomicLong ROWS_COMPARED = new AtomicLong();

    @TempDir
    static Path tmp;

    private static final DoubleUnaryOperator IDENTITY = s -> s;
    private static final DoubleUnaryOperator BINARY = s -> s > 0.6 ? 1 : 0;
    private static final DoubleUnaryOperator CLASSES = s -> s < 0 ? 0 : s < 1 ? 1 : 2;
    private static final DoubleUnaryOperator POSITIVE = s -> Math.exp(0.5 * s);
    private static final DoubleUnaryOperator COUNT = s -> Math.floor(Math.exp(0.5 * s));
    private static final DoubleUnaryOperator PROBABILITY = s -> 1 / (1 + Math.exp(-2 * s));
    private static final DoubleUnaryOperator RELEVANCE = s -> Math.max(0, Math.min(3, Math.floor(s + 1)));

    /** name, training parameters, dataset parameters, label, iterations, query size (ranking), a line the model file must show. */
    static Stream<Arguments> models() {
        String cat = LightgbmTraining.CATEGORICAL;
        return Stream.of(
                Arguments.of("regression", "objective=regression", cat, IDENTITY, 20, 0,
                        "^objective=regression$[\\s\\S]*^cat_threshold="),
                Arguments.of("regression_numeric_only", "objective=regression", "", IDENTITY, 20, 0, "^num_cat=0$"),
                Arguments.of("regression_sqrt", "objective=regression reg_sqrt=true", cat, POSITIVE, 20, 0, "^objective=regression sqrt$"),
                Arguments.of("regression_l1", "objective=regression_l1", cat, IDENTITY, 20, 0, "^objective=regression_l1$"),
                Arguments.of("huber", "objective=huber alpha=0.8", cat, IDENTITY, 20, 0, "^objective=huber$"),
                Arguments.of("fair", "objective=fair", cat, IDENTITY, 20, 0, "^objective=fair$"),
                Arguments.of("quantile", "objective=quantile alpha=0.7", cat, IDENTITY, 20, 0, "^objective=quantile$"),
                Arguments.of("mape", "objective=mape", cat, POSITIVE, 20, 0, "^objective=mape$"),
                Arguments.of("poisson", "objective=poisson", cat, COUNT, 20, 0, "^objective=poisson$"),
                Arguments.of("tweedie", "objective=tweedie tweedie_variance_power=1.3", cat, COUNT, 20, 0, "^objective=tweedie$"),
                Arguments.of("gamma", "objective=gamma", cat, POSITIVE, 20, 0, "^objective=gamma$"),
                Arguments.of("binary", "objective=binary", cat, BINARY, 20, 0, "^objective=binary sigmoid:1$"),
                Arguments.of("binary_sigmoid", "objective=binary sigmoid=0.6", cat, BINARY, 20, 0, "^objective=binary sigmoid:0.6$"),
                Arguments.of("multiclass", "objective=multiclass num_class=3", cat, CLASSES, 15, 0, "^objective=multiclass num_class:3$"),
                Arguments.of("multiclassova", "objective=multiclassova num_class=3 sigmoid=1.5", cat, CLASSES, 15, 0,
                        "^objective=multiclassova num_class:3 sigmoid:1.5$"),
                Arguments.of("lambdarank", "objective=lambdarank", cat, RELEVANCE, 15, 20, "^objective=lambdarank$"),
                Arguments.of("rank_xendcg", "objective=rank_xendcg", cat, RELEVANCE, 15, 20, "^objective=rank_xendcg$"),
                Arguments.of("cross_entropy", "objective=cross_entropy", cat, PROBABILITY, 20, 0, "^objective=cross_entropy$"),
                Arguments.of("cross_entropy_lambda", "objective=cross_entropy_lambda", cat, PROBABILITY, 20, 0,
                        "^objective=cross_entropy_lambda$"),
                Arguments.of("categorical_onehot", "objective=regression max_cat_to_onehot=80", cat, IDENTITY, 20, 0, "^cat_threshold="),
                Arguments.of("zero_as_missing", "objective=regression zero_as_missing=true", cat + " zero_as_missing=true",
                        IDENTITY, 20, 0, "^decision_type=.*\\b[4-7]\\b"),
                Arguments.of("no_missing", "objective=binary use_missing=false", cat + " use_missing=false", BINARY, 20, 0,
                        "^decision_type=[0-3 ]*$"),
                Arguments.of("linear_tree", "objective=regression linear_tree=true linear_lambda=0.1", cat + " linear_tree=true",
                        IDENTITY, 10, 0, "^is_linear=1$"),
                Arguments.of("random_forest", "objective=regression boosting=rf bagging_freq=1 bagging_fraction=0.7", cat,
                        IDENTITY, 15, 0, "^average_output$"),
                Arguments.of("random_forest_multiclass", "objective=multiclass num_class=3 boosting=rf bagging_freq=1 bagging_fraction=0.7",
                        cat, CLASSES, 10, 0, "^average_output$"),
                Arguments.of("dart", "objective=binary boosting=dart drop_rate=0.3", cat, BINARY, 20, 0, "^objective=binary sigmoid:1$"),
                Arguments.of("deep_trees", "objective=regression num_leaves=63 min_data_in_leaf=2 max_cat_threshold=64", cat,
                        IDENTITY, 10, 0, "^num_leaves=(6[0-3]|[3-5]\\d)$"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void predictsWhatLightgbmPredictsFromTheSavedFile(String name, String params, String datasetParams, DoubleUnaryOperator label,
            int iterations, int querySize, String shows) throws Exception {
        long seed = name.hashCode();
        double[] train = LightgbmTraining.features(seed, TRAIN_ROWS, false);
        Path dir;
        try (LGBMBooster booster = LightgbmTraining.train(train, TRAIN_ROWS, LightgbmTraining.labels(train, TRAIN_ROWS, label, seed + 1),
                params, datasetParams, iterations, querySize)) {
            dir = LightgbmTraining.saveMlflow(booster, tmp.resolve(name), true);
        }
        assertThat(Pattern.compile(shows, Pattern.MULTILINE).matcher(Files.readString(dir.resolve("model.lgb"))).find())
                .as("%s model.lgb shows /%s/", name, shows).isTrue();
        double[] x = LightgbmTraining.features(seed + 2, ROWS, true);
        double[] want = LightgbmTraining.oracle(dir, x, ROWS);

        Predictor predictor = Flavors.installed().load(ModelDirectory.open(dir), Model.load(dir));
        assertThat(predictor).isInstanceOf(LightgbmPredictor.class);
        Tensor out = (Tensor) predictor.predict(frame(x, ROWS), Params.NONE);

        int classes = want.length / ROWS;
        assertThat(out.shape()).containsExactly(classes == 1 ? new int[] {ROWS} : new int[] {ROWS, classes});
        assertThat(out.dtype().numpyName()).isEqualTo("float64");
        double[] got = ((DoubleColumn) out.values()).values();
        for (int i = 0; i < want.length; i++) {
            assertThat(got[i]).as("%s row %d score %d", name, i / classes, i % classes)
                    .isCloseTo(want[i], offset(TOLERANCE * Math.max(1.0, Math.abs(want[i]))));
            if (Double.doubleToLongBits(got[i]) == Double.doubleToLongBits(want[i])) {
                EXACT.incrementAndGet();
            }
        }
        MODELS.incrementAndGet();
        ROWS_COMPARED.addAndGet(ROWS);
        VALUES.addAndGet(want.length);
    }

    /** The rows as the float64 frame that MLflow's schema enforcement hands to the pyfunc. */
    static Frame frame(double[] x, int rows) {
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < LightgbmTraining.COLS; c++) {
            double[] values = new double[rows];
            for (int r = 0; r < rows; r++) {
                values[r] = x[r * LightgbmTraining.COLS + c];
            }
            columns.add(DoubleColumn.of(values));
        }
        return Frame.of(LightgbmTraining.NAMES, columns);
    }

    @AfterAll
    static void report() {
        System.out.printf("LightgbmOracleTest: %d models x %d rows = %d rows, %d values compared, %d bit-exact%n", MODELS.get(), ROWS,
                ROWS_COMPARED.get(), VALUES.get(), EXACT.get());
    }
}
