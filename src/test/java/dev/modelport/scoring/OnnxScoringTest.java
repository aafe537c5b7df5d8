package dev.modelport.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.data.codec.ScoringProtocol;
import dev.modelport.flavor.Flavors;
import dev.modelport.flavor.Predictor;
import dev.modelport.flavor.onnx.OnnxTestModels;
import dev.modelport.model.Model;
import dev.modelport.model.ModelDirectory;
import dev.modelport.testing.FixtureCase;
import dev.modelport.testing.Fixtures;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated ONNX models' requests ({@code dataframe_split}, records, CSV, {@code inputs} and
 * {@code instances} tensors, schema and shape errors, MLflow 1.x bodies) through
 * {@link ScoringService} with the installed flavors, in each protocol mode, judged against what
 * MLflow's scoring server answered by the rules of {@code conformance.py}. Floats are compared
 * within the cases' relative tolerance (1e-5: ONNX Runtime against numpy, both in float32).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnnxScoringTest {
    private final Map<String, Model> models = new ConcurrentHashMap<>();
    private final Map<String, Predictor> predictors = new ConcurrentHashMap<>();
    private final Map<ScoringProtocol, AtomicInteger> passed = new EnumMap<>(ScoringProtocol.class);
    private final Map<ScoringProtocol, AtomicInteger> failed = new EnumMap<>(ScoringProtocol.class);

    OnnxScoringTest() {
        for (ScoringProtocol p : ScoringProtocol.values()) {
            passed.put(p, new AtomicInteger());
            failed.put(p, new AtomicInteger());
        }
    }

    Stream<Arguments> cases() {
        List<Arguments> args = new ArrayList<>();
        for (String name : OnnxTestModels.names()) {
            for (FixtureCase c : Fixtures.cases(name, OnnxTestModels.scoringCases(name), 1e-5)) {
                for (ScoringProtocol mode : ScoringProtocol.values()) {
                    if (c.method().equals("POST") && c.path().equals("/invocations") && FixtureScoringTest.owed(mode, c)) {
                        args.add(Arguments.of(mode, c));
                    }
                }
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void answersAsMlflowDid(ScoringProtocol mode, FixtureCase c) {
        ModelDirectory dir = ModelDirectory.open(OnnxTestModels.modelDir(c.model()));
        Model model = models.computeIfAbsent(c.model(), n -> Model.load(dir.root()));
        Predictor predictor = predictors.computeIfAbsent(c.model(), n -> Flavors.installed().load(dir, model, Optional.of("onnx")));
        ScoringService service = new ScoringService(model, predictor, mode);
        ScoringResponse response = c.sendTo(service);
        Optional<String> verdict = ConformanceJudge.judge(c, response);
        (verdict.isEmpty() ? passed : failed).get(mode).incrementAndGet();
        assertThat(verdict).as("%s in mode %s", c, mode).isEmpty();
    }

    @AfterAll
    void report() {
        predictors.values().forEach(Predictor::close);
        for (ScoringProtocol mode : ScoringProtocol.values()) {
            System.out.printf("OnnxScoringTest %s: %d passed, %d failed%n", mode, passed.get(mode).get(), failed.get(mode).get());
        }
    }
}
