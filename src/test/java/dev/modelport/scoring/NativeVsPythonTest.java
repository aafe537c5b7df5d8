package dev.modelport.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.modelport.data.codec.ScoringProtocol;
import dev.modelport.flavor.Flavor;
import dev.modelport.flavor.Flavors;
import dev.modelport.flavor.LoadOptions;
import dev.modelport.flavor.Predictor;
import dev.modelport.model.Model;
import dev.modelport.model.ModelDirectory;
import dev.modelport.testing.FixtureCase;
import dev.modelport.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The differential test of {@code --flavor python_function}: every sklearn and xgboost fixture is
 * served both natively and through one Python worker running MLflow's own loader, and every
 * recorded {@code POST /invocations} request must get the same answer from both: the same status,
 * for 200 the same JSON within the case's relative tolerance, for errors the same error_code. Each
 * side's predictor comes from the flavor that was asked for it: the model's own native one, and
 * python_function.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NativeVsPythonTest {
    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private static final String PYTHON_FUNCTION = "python_function";

    /** Which flavor loaded each predictor, filled in by {@link #installed}. */
    private final Map<Predictor, String> loadedBy = Collections.synchronizedMap(new IdentityHashMap<>());
    /** The installed flavors in their order of preference, each recording in {@link #loadedBy} the predictors it loads. */
    private final Flavors installed = recording(Flavors.installed().names());
    private final AtomicInteger compared = new AtomicInteger();
    private final List<String> fixtures = new ArrayList<>();
    private double maxRelativeDifference;

    List<String> nativeFixtures() {
        return Fixtures.modelNames().stream().filter(name -> {
            Model model = Model.load(Fixtures.modelDir(name));
            return model.flavor("sklearn").isPresent() || model.flavor("xgboost").isPresent();
        }).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nativeFixtures")
    void answersAsMlflowsPythonPathDoes(String fixture) {
        ModelDirectory dir = ModelDirectory.open(Fixtures.modelDir(fixture));
        Model model = Model.load(dir.root());
        List<String> differences = new ArrayList<>();
        try (Predictor nativePredictor = installed.load(dir, model, Optional.empty());
                Predictor python = installed.load(dir, model, Optional.of(PYTHON_FUNCTION))) {
            // the fixtures are saved by mlflow.sklearn or mlflow.xgboost, and xgboost is preferred to sklearn
            String nativeFlavor = model.flavor("xgboost").isPresent() ? "xgboost" : "sklearn";
            assertThat(loadedBy.get(nativePredictor)).as("the flavor that loaded the native side").isEqualTo(nativeFlavor);
            assertThat(loadedBy.get(python)).as("the flavor that loaded the python side").isEqualTo(PYTHON_FUNCTION);
            for (FixtureCase c : Fixtures.cases(fixture)) {
                if (!c.method().equals("POST") || !c.path().equals("/invocations")) {
                    continue;
                }
                ScoringProtocol mode = c.protocol().equals("mlflow-1.x") ? ScoringProtocol.MLFLOW_1 : ScoringProtocol.MLFLOW_2;
                ScoringResponse expected = c.sendTo(new ScoringService(model, nativePredictor, mode));
                ScoringResponse got = c.sendTo(new ScoringService(model, python, mode));
                difference(c, expected, got).ifPresent(d -> differences.add(c + " (" + mode + "): " + d));
                compared.incrementAndGet();
            }
        }
        fixtures.add(fixture);
        assertThat(differences).as("native and python_function answers that differ").isEmpty();
    }

    /** The flavors named in {@code preference}, in that order, as {@link Flavors#installed()} finds them, recording what they load. */
    private Flavors recording(List<String> preference) {
        Map<String, Flavor> found = ServiceLoader.load(Flavor.class, Flavors.class.getClassLoader()).stream().map(ServiceLoader.Provider::get)
                .collect(Collectors.toMap(Flavor::name, Function.identity()));
        return new Flavors(preference.stream().map(name -> (Flavor) new Recording(found.get(name))).toList());
    }

    /** A flavor that loads with {@code flavor} and notes in {@link #loadedBy} which flavor each predictor came from. */
    private final class Recording implements Flavor {
        private final Flavor flavor;

        Recording(Flavor flavor) {
            this.flavor = flavor;
        }

        @Override
        public String name() {
            return flavor.name();
        }

        @Override
        public boolean canLoad(Model mlmodel) {
            return flavor.canLoad(mlmodel);
        }

        @Override
        public Predictor load(ModelDirectory dir, Model mlmodel) {
            return noted(flavor.load(dir, mlmodel));
        }

        @Override
        public Predictor load(ModelDirectory dir, Model mlmodel, LoadOptions options) {
            return noted(flavor.load(dir, mlmodel, options));
        }

        private Predictor noted(Predictor predictor) {
            loadedBy.put(predictor, flavor.name());
            return predictor;
        }
    }

    /** How the Python path's answer differs from the native one's, or empty when it does not. */
    private Optional<String> difference(FixtureCase c, ScoringResponse nativeAnswer, ScoringResponse python) {
        if (nativeAnswer.status() != python.status()) {
            return Optional.of("status: native " + nativeAnswer.status() + " " + nativeAnswer.bodyText() + ", python "
                    + python.status() + " " + python.bodyText());
        }
        Optional<JsonNode> expected = parse(nativeAnswer);
        Optional<JsonNode> got = parse(python);
        if (expected.isEmpty() || got.isEmpty()) {
            return expected.isEmpty() == got.isEmpty() ? Optional.empty()
                    : Optional.of("native " + nativeAnswer.bodyText() + ", python " + python.bodyText());
        }
        if (nativeAnswer.status() != 200) {
            String want = expected.get().path("error_code").asText();
            String have = got.get().path("error_code").asText();
            return want.equals(have) ? Optional.empty() : Optional.of("error_code: native " + want + ", python " + have
                    + " (" + got.get().path("message").asText() + ")");
        }
        Optional<String> diff = ConformanceJudge.compare(expected.get(), got.get(), c.tolerance(), "$");
        if (diff.isEmpty()) {
            maxRelativeDifference = Math.max(maxRelativeDifference, maxRelativeDifference(expected.get(), got.get()));
        }
        return diff;
    }

    private static Optional<JsonNode> parse(ScoringResponse r) {
        if (!r.contentType().startsWith("application/json")) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(r.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The largest relative difference between numbers at the same place of two JSON values of the same structure. */
    private static double maxRelativeDifference(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            double x = a.doubleValue();
            double y = b.doubleValue();
            return x == y || Double.isNaN(x) ? 0 : Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y));
        }
        double max = 0;
        if (a.isArray()) {
            for (int i = 0; i < a.size(); i++) {
                max = Math.max(max, maxRelativeDifference(a.get(i), b.get(i)));
            }
        } else if (a.isObject()) {
            for (Iterator<String> it = a.fieldNames(); it.hasNext();) {
                String key = it.next();
                max = Math.max(max, maxRelativeDifference(a.get(key), b.get(key)));
            }
        }
        return max;
    }

    @AfterAll
    void report() {
        System.out.printf("NativeVsPythonTest: %d fixtures (%s), %d cases compared, max relative difference %.3g%n",
                fixtures.size(), String.join(", ", fixtures), compared.get(), maxRelativeDifference);
    }
}
