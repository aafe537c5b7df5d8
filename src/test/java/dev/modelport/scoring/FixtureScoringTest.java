package dev.modelport.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.ModelportException;
import dev.modelport.data.codec.ScoringProtocol;
import dev.modelport.flavor.Flavors;
import dev.modelport.flavor.Predictor;
import dev.modelport.model.Model;
import dev.modelport.model.ModelDirectory;
import dev.modelport.testing.FixtureCase;
import dev.modelport.testing.Fixtures;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every recorded MLflow exchange on {@code POST /invocations} of every fixture model
 * through {@link ScoringService} in-process, in each protocol mode, judged by the rules of
 * {@code conformance.py}. Every fixture must load with {@link Flavors#installed()}: the native
 * flavors where they can, the python_function workers (MODELPORT_PYTHON, set by the build) for
 * the rest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FixtureScoringTest {
    private final Map<String, Predictor> predictors = new LinkedHashMap<>();
    private final Map<String, Model> models = new LinkedHashMap<>();
    private final Map<String, String> failedToLoad = new LinkedHashMap<>();
    private final Map<ScoringProtocol, AtomicInteger> passed = new EnumMap<>(ScoringProtocol.class);
    private final Map<ScoringProtocol, AtomicInteger> failed = new EnumMap<>(ScoringProtocol.class);

    FixtureScoringTest() {
        Flavors installed = Flavors.installed();
        for (String name : Fixtures.modelNames()) {
            ModelDirectory dir = ModelDirectory.open(Fixtures.modelDir(name));
            Model model = Model.load(dir.root());
            try {
                predictors.put(name, installed.load(dir, model));
                models.put(name, model);
            } catch (ModelportException e) {
                failedToLoad.put(name, e.getMessage());
            }
        }
        for (ScoringProtocol p : ScoringProtocol.values()) {
            passed.put(p, new AtomicInteger());
            failed.put(p, new AtomicInteger());
        }
    }

    @Test
    void loadsEveryFixture() {
        assertThat(failedToLoad).as("fixture models that did not load (installed: %s)", Flavors.installed().names()).isEmpty();
        assertThat(predictors.keySet()).containsExactlyElementsOf(Fixtures.modelNames());
    }

    Stream<Arguments> cases() {
        List<Arguments> args = new ArrayList<>();
        for (String name : predictors.keySet()) {
            for (FixtureCase c : Fixtures.cases(name)) {
                if (!c.method().equals("POST") || !c.path().equals("/invocations")) {
                    continue; // ping, health, version, GET: the HTTP edge's
                }
                for (ScoringProtocol mode : ScoringProtocol.values()) {
                    if (owed(mode, c)) {
                        args.add(Arguments.of(mode, c));
                    }
                }
            }
        }
        return args.stream();
    }

    /** Which cases each mode owes MLflow's recorded answer (fixtures README, "Running the cases"). */
    static boolean owed(ScoringProtocol mode, FixtureCase c) {
        if (c.quirk()) {
            return false;
        }
        return switch (mode) {
            case BOTH -> !c.legacyConflict();
            case MLFLOW_2 -> c.protocol().equals("mlflow-2.x");
            case MLFLOW_1 -> c.protocol().equals("mlflow-1.x");
        };
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void answersAsMlflowDid(ScoringProtocol mode, FixtureCase c) {
        ScoringService service = new ScoringService(models.get(c.model()), predictors.get(c.model()), mode);
        ScoringResponse response = c.sendTo(service);
        Optional<String> verdict = ConformanceJudge.judge(c, response);
        (verdict.isEmpty() ? passed : failed).get(mode).incrementAndGet();
        assertThat(verdict).as("%s in mode %s", c, mode).isEmpty();
    }

    @AfterAll
    void report() {
        predictors.values().forEach(Predictor::close);
        for (ScoringProtocol mode : ScoringProtocol.values()) {
            System.out.printf("FixtureScoringTest %s: %d passed, %d failed%n", mode, passed.get(mode).get(), failed.get(mode).get());
        }
    }
}
