package dev.modelport.flavor.pyfunc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.ErrorCode;
import dev.modelport.ModelportException;
import dev.modelport.data.Frame;
import dev.modelport.data.ObjectColumn;
import dev.modelport.data.Params;
import dev.modelport.data.Tensor;
import dev.modelport.data.codec.ScoringProtocol;
import dev.modelport.data.parallel.SpareCores;
import dev.modelport.flavor.EnvManager;
import dev.modelport.flavor.LoadOptions;
import dev.modelport.model.Model;
import dev.modelport.model.ModelDirectory;
import dev.modelport.scoring.ScoringResponse;
import dev.modelport.scoring.ScoringService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The python_function flavor's workers against real Python and MLflow: answers, failures, restarts, timeouts, params. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PyfuncWorkersTest {
    private static final List<String> OUTPUT_ACTIONS = List.of("dict_of_arrays", "strings", "list", "scalar", "series", "named_series",
            "frame_mixed", "frame_int_columns", "frame_datetime", "frame_duplicate_columns", "float32_matrix", "bool_array", "zero_d", "empty",
            "big_endian", "fortran", "datetime_array", "bytes_array", "text", "print");

    private final ModelDirectory dir = BehaviourModel.dir();
    private final Model mlmodel = Model.load(dir.root());
    private WorkerPool pool;
    private ScoringService scoring;

    @BeforeAll
    void load() {
        pool = (WorkerPool) new PyfuncFlavor(BehaviourModel.env()).load(dir, mlmodel, new LoadOptions(2, EnvManager.LOCAL, SpareCores.none()));
        scoring = new ScoringService(mlmodel, pool, ScoringProtocol.BOTH);
    }

    @AfterAll
    void close() {
        pool.close();
    }

    private ScoringResponse score(String body) {
        return scoring.score("application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void answersEveryOutputKindAsMlflowsScoringServer() {
        List<String> bodies = new ArrayList<>();
        OUTPUT_ACTIONS.forEach(a -> bodies.add(BehaviourModel.request(a, "")));
        bodies.add("{\"dataframe_records\": [{\"action\": \"echo\", \"i\": 3, \"d\": 1.5, \"f\": 2.5, \"n\": 4, \"b\": true,"
                + " \"t\": \"2024-01-02\", \"y\": \"YWI=\", \"s\": \"z\"}, {\"action\": \"x\", \"i\": -9, \"d\": null, \"f\": 1e30,"
                + " \"n\": 0, \"b\": false, \"t\": \"2024-01-02 03:04:05\", \"y\": \"\", \"s\": null}]}");
        bodies.add("{\"dataframe_split\": {\"columns\": [\"action\", \"s\"], \"data\": [[\"echo\", \"\\u00e9\\u4e2d\"], [\"echo\", 7]]}}");
        List<String> expected = BehaviourModel.mlflowAnswers(dir.root(), bodies);
        for (int i = 0; i < bodies.size(); i++) {
            ScoringResponse response = score(bodies.get(i));
            assertThat(response.status()).as(bodies.get(i)).isEqualTo(200);
            assertThat(response.bodyText()).as(bodies.get(i)).isEqualTo(expected.get(i));
        }
    }

    @Test
    void paramsReachPredictAsMlflowPassesThem() {
        List<String> bodies = List.of(BehaviourModel.request("params", ""),
                BehaviourModel.request("params", ", \"params\": {\"top_k\": 5, \"labels\": [\"a\"], \"threshold\": 1, \"when\": \"2025-02-03T04:05:06\"}"),
                BehaviourModel.request("params", ", \"params\": {\"flag\": true, \"unknown\": 1, \"threshold\": null}"));
        List<String> expected = BehaviourModel.mlflowAnswers(dir.root(), bodies);
        for (int i = 0; i < bodies.size(); i++) {
            assertThat(score(bodies.get(i)).bodyText()).as(bodies.get(i)).isEqualTo(expected.get(i));
        }
    }

    @Test
    void pythonExceptionIsTheUnexpectedErrorMlflowAnswers() {
        ScoringResponse response = score(BehaviourModel.request("raise", ""));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.bodyText()).startsWith("{\"error_code\": \"BAD_REQUEST\", \"message\": \"Encountered an unexpected error while evaluating the model.")
                .contains("ValueError: boom");
    }

    @Test
    void mlflowExceptionInsideTheModelKeepsItsErrorCode() {
        assertThatThrownBy(() -> pool.predict(frame("mlflow_error"), Params.NONE)).isInstanceOfSatisfying(ModelportException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
            assertThat(e.getMessage()).startsWith("Failed to predict data").endsWith("Error: the model refused");
        });
    }

    @Test
    void startsOneProcessPerWorker() {
        assertThat(pool.pids()).hasSize(2).doesNotHaveDuplicates().allSatisfy(pid -> assertThat(alive(pid)).isTrue());
    }

    @Test
    void replacesAWorkerThatDies() {
        long before = predictPid();
        ScoringResponse crash = score(BehaviourModel.request("exit", ""));
        assertThat(crash.status()).isEqualTo(500);
        assertThat(crash.bodyText()).contains("\"error_code\": \"INTERNAL_ERROR\"", "The Python worker exited (exit code 3)",
                "behaviour model: exiting with code 3", "A new Python worker is starting");
        List<Long> after = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            after.add(predictPid());
        }
        assertThat(pool.pids()).hasSize(2).allSatisfy(pid -> assertThat(alive(pid)).isTrue());
        assertThat(after).allSatisfy(pid -> assertThat(pool.pids()).contains(pid));
        assertThat(before == after.get(0) || !alive(before)).isTrue();
    }

    @Test
    void aWorkerThatDiedBeforeARequestIsReportedInOneSentence() {
        WorkerPool one = (WorkerPool) new PyfuncFlavor(BehaviourModel.env()).load(dir, mlmodel, new LoadOptions(1, EnvManager.LOCAL, SpareCores.none()));
        try {
            ProcessHandle worker = ProcessHandle.of(one.pids().get(0)).orElseThrow();
            worker.destroyForcibly();
            worker.onExit().join(); // its stdin has no reader now: sending fails
            ScoringResponse lost = new ScoringService(mlmodel, one, ScoringProtocol.BOTH)
                    .score("application/json", BehaviourModel.request("exit", "").getBytes(StandardCharsets.UTF_8));
            assertThat(lost.status()).isEqualTo(500);
            assertThat(lost.bodyText()).contains("The Python worker exited before it was sent the request (", "(exit code 137)",
                    "A new Python worker is starting");
        } finally {
            one.close();
        }
    }

    @Test
    void killsAndReplacesAWorkerWhoseCallerIsInterrupted() throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Long> pidsBefore = pool.pids();
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                pool.predict(frame("sleep"), Params.NONE);
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
        while (caller.getState() != Thread.State.WAITING) {
            Thread.onSpinWait(); // the request is sent and the caller waits for the reply
        }
        caller.interrupt();
        caller.join();
        assertThat(failure.get()).isInstanceOfSatisfying(ModelportException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DEADLINE_EXCEEDED));
        long killed = pidsBefore.stream().filter(pid -> !pool.pids().contains(pid)).findFirst().orElseThrow();
        ProcessHandle.of(killed).ifPresent(p -> p.onExit().join());
        assertThat(alive(killed)).isFalse();
        assertThat(predictPid()).isNotEqualTo(killed);
    }

    @Test
    void failsToLoadWithThePythonErrorMessage(@TempDir Path tmp) throws Exception {
        ModelDirectory broken = BehaviourModel.loaderModel(tmp, "broken_loader", "def _load_pyfunc(path):\n    raise RuntimeError('cannot read the weights')\n");
        assertThatThrownBy(() -> new PyfuncFlavor(BehaviourModel.env()).load(broken, Model.load(broken.root()), LoadOptions.defaults()))
                .isInstanceOf(ModelportException.class).hasMessageContaining("MLflow could not load the model in Python")
                .hasMessageContaining("RuntimeError: cannot read the weights");
    }

    @Test
    void failsToLoadWhenPythonCannotImportMlflow() {
        Map<String, String> env = new HashMap<>(BehaviourModel.env());
        env.remove("MODELPORT_PYTHONPATH");
        env.put("MODELPORT_PYTHONPATH", "/nonexistent");
        assertThatThrownBy(() -> new PyfuncFlavor(env).load(dir, mlmodel, LoadOptions.defaults())).isInstanceOf(ModelportException.class)
                .hasMessageContaining("No module named 'mlflow'").hasMessageContaining("MODELPORT_PYTHON");
    }

    @Test
    void failsToLoadWhenThePythonDoesNotExist() {
        Map<String, String> env = new HashMap<>(BehaviourModel.env());
        env.put("MODELPORT_PYTHON", "/nonexistent/python3");
        assertThatThrownBy(() -> new PyfuncFlavor(env).load(dir, mlmodel, LoadOptions.defaults())).isInstanceOf(ModelportException.class)
                .hasMessageContaining("Cannot start Python '/nonexistent/python3'").hasMessageContaining("MODELPORT_PYTHON");
    }

    private long predictPid() {
        Tensor out = (Tensor) pool.predict(frame("pid"), Params.NONE);
        return ((Number) ((List<?>) ((ObjectColumn) out.values()).values()[0]).get(0)).longValue();
    }

    private static Frame frame(String action) {
        return Frame.of(List.of("action"), List.of(ObjectColumn.of(action)));
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
