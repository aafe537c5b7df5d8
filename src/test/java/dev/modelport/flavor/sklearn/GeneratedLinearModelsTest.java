package dev.modelport.flavor.sklearn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelport.ModelportException;
import dev.modelport.data.Column;
import dev.modelport.data.DoubleColumn;
import dev.modelport.data.Dtype;
import dev.modelport.data.Input;
import dev.modelport.data.Output;
import dev.modelport.data.Params;
import dev.modelport.data.Tensor;
import dev.modelport.flavor.sklearn.pickle.SafeUnpickler;
import dev.modelport.model.Model;
import dev.modelport.model.ModelDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The models of {@code src/test/python/generate_sklearn_linear.py} (linear, kernel, naive Bayes,
 * clustering, decomposition and preprocessing estimators, several seeds and shapes, mostly inside
 * Pipelines and ColumnTransformers), scored here row by row on what scikit-learn scored: every
 * method it answered, and for a Pipeline the output of every step but the last ("transform").
 * Counts are per estimator class, nested ones (inside a ColumnTransformer, FeatureUnion) included.
 */
class GeneratedLinearModelsTest {
    private static final GeneratedFolder FOLDER = GeneratedFolder.of("linear");
    private static final double REL_TOL = 1e-9;
    private static final String TRANSFORM = "transform";
    /** Per estimator (each Pipeline step counted too): models, rows compared. */
    private static final Map<String, long[]> COUNTS = new TreeMap<>();

    record Check(String model, List<String> steps, String caseName, String method, JsonNode input, JsonNode expect) {
        @Override
        public String toString() {
            return model + "/" + caseName + "/" + method;
        }
    }

    static List<String> steps(JsonNode file) {
        List<String> out = new ArrayList<>();
        file.get("steps").forEach(s -> out.add(s.asText()));
        return out;
    }

    static Stream<Check> checks() {
        List<Check> out = new ArrayList<>();
        for (String model : FOLDER.names()) {
            JsonNode file = FOLDER.cases(model);
            for (JsonNode c : file.get("cases")) {
                c.get("expect").properties().forEach(e -> out.add(
                        new Check(model, steps(file), c.get("name").asText(), e.getKey(), c.get("input"), e.getValue())));
            }
        }
        return out.stream();
    }

    /** The pipeline's transformer steps (all but the last), compiled from model.pkl as the flavor would. */
    static Transformer transformerSteps(String model) {
        EstimatorCompiler compiler = new EstimatorCompiler();
        Object root = new SafeUnpickler(compiler.allowedClasses(), compiler.allowedFunctions()).load(FOLDER.pickle(model), model);
        return compiler.transformer(root);
    }

    static Tensor asTensor(Table t) {
        int n = t.rows();
        int k = t.width();
        double[] v = new double[n * k];
        for (int j = 0; j < k; j++) {
            Column c = t.columns().get(j);
            double[] col = InputCheck.toDoubles(c);
            for (int i = 0; i < n; i++) {
                v[i * k + j] = col[i];
            }
        }
        return new Tensor(new DoubleColumn(v, Dtype.FLOAT64), n, k);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checks")
    void answersLikeScikitLearn(Check c) {
        Input in = GeneratedModelsTest.input(c.input());
        Supplier<Output> answer;
        if (c.method().equals(TRANSFORM)) {
            Transformer steps = transformerSteps(c.model());
            answer = () -> asTensor(steps.transform(Table.from(in)));
        } else {
            var p = FOLDER.predictor(c.model(), c.method());
            answer = () -> p.predict(in, Params.NONE);
        }
        if (c.expect().has("error")) {
            String firstLine = c.expect().get("message").asText().lines().findFirst().orElse("");
            assertThatThrownBy(answer::get).isInstanceOf(RuntimeException.class)
                    .satisfies(e -> assertThat(e.getMessage().lines().findFirst().orElse("")).isEqualTo(firstLine));
            return;
        }
        Predictions.assertMatches(answer.get(), c.expect().get("predictions"), REL_TOL, c.toString());
        synchronized (COUNTS) {
            for (String step : c.steps()) {
                COUNTS.computeIfAbsent(step, k -> new long[2])[1] += c.expect().get("predictions").size();
            }
        }
    }

    static Stream<Arguments> savedModels() {
        return FOLDER.names().stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("savedModels")
    void loadsTheMlflowModelDirectoryWithItsPredictFn(String model) throws IOException {
        ModelDirectory dir = ModelDirectory.open(FOLDER.dir(model));
        Model mlmodel = Model.load(dir.root());
        String fn = String.valueOf(mlmodel.flavor("python_function").orElseThrow().get("predict_fn"));
        JsonNode file = FOLDER.cases(model);
        JsonNode rows = file.get("cases").get(0);
        var output = new SklearnFlavor().load(dir, mlmodel).predict(GeneratedModelsTest.input(rows.get("input")), Params.NONE);
        Predictions.assertMatches(output, rows.get("expect").get(fn).get("predictions"), REL_TOL, model + "." + fn);
        synchronized (COUNTS) {
            for (String step : steps(file)) {
                COUNTS.computeIfAbsent(step, k -> new long[2])[0]++;
            }
        }
    }

    @Test
    void coversEveryEstimatorOfTheIssue() {
        Set<String> seen = new TreeSet<>();
        FOLDER.names().forEach(model -> seen.addAll(steps(FOLDER.cases(model))));
        assertThat(seen).contains("Ridge", "RidgeClassifier", "Lasso", "ElasticNet", "SGDClassifier", "SGDRegressor",
                "LinearSVC", "LinearSVR", "SVC", "SVR", "GaussianNB", "MultinomialNB", "KMeans", "PCA", "TruncatedSVD",
                "FeatureUnion", "MinMaxScaler", "MaxAbsScaler", "RobustScaler", "Normalizer", "PolynomialFeatures",
                "OrdinalEncoder", "OneHotEncoder", "KBinsDiscretizer", "FunctionTransformer");
    }

    @ParameterizedTest
    @CsvSource({
            "function_transformer_lambda.pkl, refused global 'cloudpickle.cloudpickle",
            "function_transformer_os_system.pkl, refused global 'posix.system'",
            "function_transformer_numpy_kwargs.pkl, refused global 'numpy.round_'",
            "function_transformer_ufunc_kwargs.pkl, FunctionTransformer with kw_args is not supported natively",
            "svc_precomputed_kernel.pkl, SVC with kernel='precomputed' is not supported natively",
            "ordinal_encoder_int_dtype.pkl, OrdinalEncoder with a dtype other than numpy.float64 is not supported natively",
            "ridge_classifier_multilabel.pkl, RidgeClassifier with multilabel targets is not supported natively",
            "kbins_float32.pkl, KBinsDiscretizer with an explicit dtype is not supported natively",
            "ufunc_called_by_pickle.pkl, refused REDUCE of a numpy.core._multiarray_umath.log1p: only allowlisted globals can be called"})
    void refusesAtLoadWhatItCannotScoreExactly(String file, String reason) throws IOException {
        byte[] bytes = Files.readAllBytes(GeneratedFolder.of("refused").root().resolve(file));
        assertThatThrownBy(() -> new SklearnFlavor().load(bytes, file, PredictMethod.PREDICT))
                .isInstanceOf(ModelportException.class).hasMessageContaining(reason);
    }

    @AfterAll
    static void report() {
        long models = COUNTS.values().stream().mapToLong(c -> c[0]).sum();
        COUNTS.forEach((estimator, c) -> System.out.printf("generated sklearn linear models: %s models: %d rows compared: %d%n",
                estimator, c[0], c[1]));
        System.out.printf("generated sklearn linear models: %d estimators, %d model steps%n", COUNTS.size(), models);
    }
}
