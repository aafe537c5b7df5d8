package dev.modelport.flavor.sklearn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelport.data.BooleanColumn;
import dev.modelport.data.Column;
import dev.modelport.data.DoubleColumn;
import dev.modelport.data.Dtype;
import dev.modelport.data.Frame;
import dev.modelport.data.Input;
import dev.modelport.data.LongColumn;
import dev.modelport.data.ObjectColumn;
import dev.modelport.data.Params;
import dev.modelport.data.Tensor;
import dev.modelport.flavor.Predictor;
import dev.modelport.model.Model;
import dev.modelport.model.ModelDirectory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The models of {@code src/test/python/generate_sklearn_models.py}: every estimator trained on random
 * data, saved by MLflow, and scored here on the rows scikit-learn scored, method by method; where
 * scikit-learn raised, the native scorer must raise with the same first line.
 */
class GeneratedModelsTest {
    private static final GeneratedFolder FOLDER = GeneratedFolder.of("models");
    private static final double REL_TOL = 1e-9;
    private static final Map<String, int[]> COUNTS = new TreeMap<>();

    record Check(String model, String estimator, String caseName, String method, JsonNode input, JsonNode expect) {
        @Override
        public String toString() {
            return model + "/" + caseName + "/" + method;
        }
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

    static Input input(JsonNode in) {
        JsonNode rows = in.get("rows");
        int n = rows.size();
        if (in.path("tensor").asBoolean(false)) {
            int k = n == 0 ? 0 : rows.get(0).size();
            double[] v = new double[n * k];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < k; j++) {
                    JsonNode x = rows.get(i).get(j);
                    v[i * k + j] = x.isNull() ? Double.NaN : x.asDouble();
                }
            }
            return new Tensor(new DoubleColumn(v, Dtype.FLOAT64), n, n == 0 ? 0 : k);
        }
        List<String> names = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        for (int j = 0; j < in.get("columns").size(); j++) {
            names.add(in.get("columns").get(j).asText());
            String dtype = in.get("dtypes").get(j).asText();
            columns.add(switch (dtype) {
                case "float64" -> {
                    double[] v = new double[n];
                    for (int i = 0; i < n; i++) {
                        JsonNode x = rows.get(i).get(j);
                        v[i] = x.isNull() ? Double.NaN : x.asDouble();
                    }
                    yield new DoubleColumn(v, Dtype.FLOAT64);
                }
                case "int64" -> {
                    long[] v = new long[n];
                    for (int i = 0; i < n; i++) {
                        v[i] = rows.get(i).get(j).asLong();
                    }
                    yield new LongColumn(v, Dtype.INT64);
                }
                case "bool" -> {
                    boolean[] v = new boolean[n];
                    for (int i = 0; i < n; i++) {
                        v[i] = rows.get(i).get(j).asBoolean();
                    }
                    yield new BooleanColumn(v);
                }
                case "object" -> {
                    Object[] v = new Object[n];
                    for (int i = 0; i < n; i++) {
                        JsonNode x = rows.get(i).get(j);
                        v[i] = x.isNull() ? null : x.asText();
                    }
                    yield new ObjectColumn(v, Dtype.OBJECT);
                }
                default -> throw new IllegalArgumentException("dtype " + dtype);
            });
        }
        return new Frame(names, columns, n);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checks")
    void answersLikeScikitLearn(Check c) {
        Predictor p = FOLDER.predictor(c.model(), c.method());
        Input in = input(c.input());
        if (c.expect().has("error")) {
            String firstLine = c.expect().get("message").asText().lines().findFirst().orElse("");
            assertThatThrownBy(() -> p.predict(in, Params.NONE)).isInstanceOf(RuntimeException.class)
                    .satisfies(e -> assertThat(e.getMessage().lines().findFirst().orElse("")).isEqualTo(firstLine));
        } else {
            Predictions.assertMatches(p.predict(in, Params.NONE), c.expect().get("predictions"), REL_TOL, c.toString());
            synchronized (COUNTS) {
                COUNTS.computeIfAbsent(c.estimator(), k -> new int[3]);
                COUNTS.get(c.estimator())[2] += c.expect().get("predictions").size();
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
        JsonNode rows = FOLDER.cases(model).get("cases").get(0);
        var output = new SklearnFlavor().load(dir, mlmodel).predict(input(rows.get("input")), Params.NONE);
        Predictions.assertMatches(output, rows.get("expect").get(fn).get("predictions"), REL_TOL, model + "." + fn);
    }

    @Test
    void coversEveryRequiredEstimator() {
        List<String> estimators = FOLDER.names().stream().map(m -> FOLDER.cases(m).get("estimator").asText()).distinct().toList();
        assertThat(estimators).contains("Pipeline", "LinearRegression", "LogisticRegression", "DecisionTreeClassifier",
                "DecisionTreeRegressor", "RandomForestClassifier", "RandomForestRegressor", "GradientBoostingClassifier",
                "GradientBoostingRegressor", "KNeighborsClassifier", "KNeighborsRegressor");
        assertThat(FOLDER.names()).hasSizeGreaterThanOrEqualTo(25);
    }

    @AfterAll
    static void report() {
        COUNTS.forEach((estimator, c) -> System.out.printf("generated sklearn models: %s rows compared: %d%n", estimator, c[2]));
    }
}
