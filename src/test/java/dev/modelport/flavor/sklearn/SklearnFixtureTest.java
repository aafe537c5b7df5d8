package dev.modelport.flavor.sklearn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.data.Params;
import dev.modelport.flavor.Flavors;
import dev.modelport.flavor.Predictor;
import dev.modelport.model.Model;
import dev.modelport.model.ModelDirectory;
import dev.modelport.testing.FixtureCase;
import dev.modelport.testing.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The MLflow-recorded sklearn fixtures scored by the native sklearn flavor, without the scoring core. */
class SklearnFixtureTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> MODELS = List.of("sklearn_logreg_iris", "sklearn_rf_regressor", "sklearn_pipeline_mixed",
            "sklearn_linreg_tensor", "sklearn_int_optional", "sklearn_nosig_tree", "sklearn_predict_proba");
    /** Recorded 200 answers whose body we can turn into the model's input here. */
    private static final List<String> SUCCESS_CASES = List.of("split_rows", "split_one_row", "split_shuffled_columns",
            "inputs_rows", "inputs_one_row", "split_other_column_names");

    static Predictor load(String model) {
        ModelDirectory dir = ModelDirectory.open(Fixtures.modelDir(model));
        return new SklearnFlavor().load(dir, Model.load(dir.root()));
    }

    static Stream<Arguments> recordedPredictions() {
        List<Arguments> out = new ArrayList<>();
        for (String model : MODELS) {
            for (FixtureCase c : Fixtures.cases(model)) {
                if (SUCCESS_CASES.contains(c.name()) && c.status() == 200) {
                    out.add(Arguments.of(c));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordedPredictions")
    void predictsWhatMlflowRecorded(FixtureCase c) throws IOException {
        Model model = Model.load(Fixtures.modelDir(c.model()));
        JsonNode body = JSON.readTree(c.body());
        JsonNode split = body.has("dataframe_split") ? body.get("dataframe_split") : body;
        var output = load(c.model()).predict(SplitInput.of(split, model), Params.NONE);
        Predictions.assertMatches(output, c.expectJson().orElseThrow().get("predictions"), c.tolerance(), c.toString());
    }

    static Stream<Arguments> modelFailures() {
        List<Arguments> out = new ArrayList<>();
        for (String model : MODELS) {
            for (FixtureCase c : Fixtures.cases(model)) {
                String message = c.expectJson().map(j -> j.path("message").asText("")).orElse("");
                boolean split = c.body() != null && (c.body().startsWith("{\"dataframe_split\"") || c.body().startsWith("{\"inputs\": [["));
                if (message.startsWith("Encountered an unexpected error while evaluating the model") && split) {
                    out.add(Arguments.of(c));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modelFailures")
    void failsWhereScikitLearnFailed(FixtureCase c) throws IOException {
        Model model = Model.load(Fixtures.modelDir(c.model()));
        JsonNode body = JSON.readTree(c.body());
        JsonNode split = body.has("dataframe_split") ? body.get("dataframe_split") : body;
        Predictor predictor = load(c.model());
        var input = SplitInput.of(split, model);
        assertThatThrownBy(() -> predictor.predict(input, Params.NONE)).isInstanceOf(RuntimeException.class)
                .hasMessageFindingMatch("0 sample|NaN|features|could not convert");
    }

    static Stream<String> modelsWithInputExample() {
        return MODELS.stream().filter(m -> Model.load(Fixtures.modelDir(m)).savedInputExampleInfo().isPresent());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modelsWithInputExample")
    void predictsScikitLearnsAnswerForTheInputExample(String name) throws IOException {
        Model model = Model.load(Fixtures.modelDir(name));
        JsonNode example = JSON.readTree(Fixtures.modelDir(name).resolve("input_example.json").toFile());
        JsonNode expected = expectedExamples().get(name);
        assertThat(expected).as("sklearn's predictions for %s in fixture_input_examples.json", name).isNotNull();
        var output = load(name).predict(SplitInput.of(example, model), Params.NONE);
        Predictions.assertMatches(output, expected, 1e-9, name + " input example");
    }

    @Test
    void everySklearnFixtureIsCovered() {
        List<String> sklearnModels = Fixtures.modelNames().stream()
                .filter(m -> Model.load(Fixtures.modelDir(m)).flavor("sklearn").isPresent()).toList();
        assertThat(MODELS).containsExactlyInAnyOrderElementsOf(sklearnModels);
        assertThat(recordedPredictions().count()).isGreaterThanOrEqualTo(2L * MODELS.size());
    }

    @Test
    void isTheFlavorChosenForSklearnModels() {
        ModelDirectory dir = ModelDirectory.open(Fixtures.modelDir("sklearn_logreg_iris"));
        Predictor p = Flavors.installed().load(dir, Model.load(dir.root()), Optional.of("sklearn"));
        assertThat(p).hasToString("sklearn LogisticRegression.predict"); // the native flavor's (it names the estimator), not python_function's
    }

    static JsonNode expectedExamples() {
        try (InputStream in = SklearnFixtureTest.class.getResourceAsStream("/sklearn/fixture_input_examples.json")) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
