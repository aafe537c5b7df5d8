package dev.modelport.flavor.sklearn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelport.ModelportException;
import dev.modelport.data.Dtype;
import dev.modelport.data.Input;
import dev.modelport.data.Output;
import dev.modelport.data.Tensor;
import dev.modelport.data.Params;
import dev.modelport.flavor.Predictor;
import dev.modelport.model.Model;
import dev.modelport.model.ModelDirectory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The models of {@code src/test/python/generate_sklearn_ensembles.py}: every ensemble estimator
 * trained for several seeds on random shapes, saved by MLflow, and scored here row by row on what
 * scikit-learn scored, method by method (numbers to 1e-9 relative, labels exactly); where
 * scikit-learn raised, the native scorer raises with the same first line.
 */
class GeneratedEnsemblesTest {
    private static final GeneratedFolder FOLDER = GeneratedFolder.of("ensembles");
    private static final double REL_TOL = 1e-9;
    /** XGBoost answers in float32, its transcendental functions (expf) a bit or two apart from Math.exp: as XgboostOracleTest. */
    private static final double FLOAT32_REL_TOL = 1e-6;
    /** Per estimator: models, rows compared. */
    private static final Map<String, Set<String>> MODELS = new TreeMap<>();
    private static final Map<String, int[]> ROWS = new TreeMap<>();

    record Check(String model, String estimator, String caseName, String method, JsonNode input, JsonNode expect) {
        @Override
        public String toString() {
            return model + "/" + caseName + "/" + method;
        }
    }

    static List<String> modelNames() {
        return FOLDER.names();
    }

    static Stream<Check> checks() {
        List<Check> out = new ArrayList<>();
        for (String model : FOLDER.names()) {
            JsonNode file = FOLDER.cases(model);
            for (JsonNode c : file.get("cases")) {
                c.get("expect").fields().forEachRemaining(e -> out.add(
                        new Check(model, file.get("estimator").asText(), c.get("name").asText(), e.getKey(), c.get("input"), e.getValue())));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checks")
    void answersLikeScikitLearn(Check c) {
        Predictor p = FOLDER.predictor(c.model(), c.method());
        Input in = GeneratedModelsTest.input(c.input());
        if (c.expect().has("error")) {
            String firstLine = c.expect().get("message").asText().lines().findFirst().orElse("");
            assertThatThrownBy(() -> p.predict(in, Params.NONE)).isInstanceOf(RuntimeException.class)
                    .satisfies(e -> assertThat(e.getMessage().lines().findFirst().orElse("")).isEqualTo(firstLine));
            return;
        }
        Output out = p.predict(in, Params.NONE);
        Predictions.assertMatches(out, c.expect().get("predictions"), tolerance(out), c.toString());
        synchronized (ROWS) {
            MODELS.computeIfAbsent(c.estimator(), k -> new TreeSet<>()).add(c.model());
            ROWS.computeIfAbsent(c.estimator(), k -> new int[1])[0] += c.expect().get("predictions").size();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modelNames")
    void loadsTheMlflowModelDirectoryWithItsPredictFn(String model) throws IOException {
        ModelDirectory dir = ModelDirectory.open(FOLDER.dir(model));
        Model mlmodel = Model.load(dir.root());
        String fn = String.valueOf(mlmodel.flavor("python_function").orElseThrow().get("predict_fn"));
        JsonNode rows = FOLDER.cases(model).get("cases").get(0);
        var output = new SklearnFlavor().load(dir, mlmodel).predict(GeneratedModelsTest.input(rows.get("input")), Params.NONE);
        Predictions.assertMatches(output, rows.get("expect").get(fn).get("predictions"), tolerance(output), model + "." + fn);
    }

    private static double tolerance(Output out) {
        return out instanceof Tensor t && t.dtype() == Dtype.FLOAT32 ? FLOAT32_REL_TOL : REL_TOL;
    }

    @Test
    void coversEveryEnsembleSeveralTimes() {
        Map<String, Integer> perEstimator = new TreeMap<>();
        FOLDER.names().forEach(m -> perEstimator.merge(FOLDER.cases(m).get("estimator").asText(), 1, Integer::sum));
        List<String> required = List.of("HistGradientBoostingClassifier", "HistGradientBoostingRegressor",
                "ExtraTreesClassifier", "ExtraTreesRegressor", "AdaBoostClassifier", "AdaBoostRegressor", "BaggingClassifier",
                "BaggingRegressor", "VotingClassifier", "VotingRegressor", "StackingClassifier", "StackingRegressor",
                "IsolationForest", "TransformedTargetRegressor", "XGBClassifier", "XGBRegressor");
        assertThat(perEstimator.keySet()).containsAll(required);
        required.forEach(estimator -> assertThat(perEstimator.get(estimator)).as(estimator).isGreaterThanOrEqualTo(2));
    }

    @Test
    void aPartOnItsOwnIsNotSupportedNativelyAndTheMessageListsWhatIs() {
        byte[] predictor = protocol2NewObj("sklearn.ensemble._hist_gradient_boosting.predictor", "TreePredictor");
        assertThatThrownBy(() -> new SklearnFlavor().load(predictor, "part.pkl", PredictMethod.PREDICT))
                .isInstanceOf(ModelportException.class)
                .hasMessageContaining("TreePredictor is not supported natively; supported: [")
                .hasMessageContaining("HistGradientBoostingClassifier, HistGradientBoostingRegressor, IsolationForest")
                .hasMessageContaining("XGBClassifier, XGBRegressor]");
    }

    @Test
    void anUnknownEstimatorIsRefusedAndTheMessageListsWhatIsSupported() {
        byte[] mlp = protocol2NewObj("sklearn.neural_network._multilayer_perceptron", "MLPClassifier");
        assertThatThrownBy(() -> new SklearnFlavor().load(mlp, "mlp.pkl", PredictMethod.PREDICT))
                .isInstanceOf(ModelportException.class)
                .hasMessageContaining("refused global 'sklearn.neural_network._multilayer_perceptron.MLPClassifier'")
                .hasMessageContaining("Natively supported scikit-learn estimators: [")
                .hasMessageContaining("VotingClassifier");
    }

    @Test
    void aNumpyUfuncMayBeNamedButNeverCalled() {
        byte[] call = "\u0080\u0002cnumpy.core._multiarray_umath\nlog1p\nG?\u00f0\u0000\u0000\u0000\u0000\u0000\u0000\u0085R."
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> new SklearnFlavor().load(call, "ufunc.pkl", PredictMethod.PREDICT))
                .isInstanceOf(ModelportException.class)
                .hasMessageContaining("refused REDUCE of a numpy.core._multiarray_umath.log1p: only allowlisted globals can be called");
    }

    /** {@code cls.__new__(cls)} with an empty state, as pickle protocol 2 writes it. */
    private static byte[] protocol2NewObj(String module, String name) {
        String text = "\u0080\u0002c" + module + "\n" + name + "\n)\u0081}b.";
        return text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    @AfterAll
    static void report() {
        int models = 0;
        int rows = 0;
        for (var e : ROWS.entrySet()) {
            System.out.printf("generated sklearn ensembles: %s models: %d rows compared: %d%n", e.getKey(), MODELS.get(e.getKey()).size(),
                    e.getValue()[0]);
            models += MODELS.get(e.getKey()).size();
            rows += e.getValue()[0];
        }
        System.out.printf("generated sklearn ensembles: %d estimators, %d models, %d rows compared%n", ROWS.size(), models, rows);
    }
}
