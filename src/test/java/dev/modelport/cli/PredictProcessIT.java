package dev.modelport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.flavor.onnx.OnnxTestModels;
import dev.modelport.scoring.ConformanceJudge;
import dev.modelport.testing.FixtureCase;
import dev.modelport.testing.Fixtures;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code bin/modelport models predict} as a user runs it: the packaged app, standard input and output. */
class PredictProcessIT {
    private static final String IRIS_ROW = "{\"dataframe_split\": {\"columns\": [\"sepal length (cm)\", \"sepal width (cm)\", "
            + "\"petal length (cm)\", \"petal width (cm)\"], \"data\": [[5.1, 3.5, 1.4, 0.2]]}}";

    @Test
    void predictsFromStandardInputWithoutOpeningAPort() throws Exception {
        // Hold the port the app would listen on: a command that tried to bind it would fail to start.
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ProcessBuilder builder = new ProcessBuilder("bin/modelport", "models", "predict", "-m",
                    Fixtures.modelDir("sklearn_logreg_iris").toString());
            builder.environment().put("MODELPORT_JAVA_OPTS", "-Dquarkus.http.port=" + taken.getLocalPort() + " -Dquarkus.http.host=127.0.0.1");
            builder.redirectError(ProcessBuilder.Redirect.INHERIT);
            Process process = builder.start();
            process.getOutputStream().write(IRIS_ROW.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isZero();
            assertThat(output.strip()).isEqualTo("{\"predictions\": [0]}");
        }
    }

    @Test
    void predictsWithOnnxRuntimeFromThePackagedApp() throws Exception {
        Path model = OnnxTestModels.modelDir("zipmap_classifier");
        FixtureCase c = Fixtures.cases("zipmap_classifier", OnnxTestModels.scoringCases("zipmap_classifier"), 1e-5).stream()
                .filter(k -> k.name().equals("split_rows")).findFirst().orElseThrow();
        Process process = new ProcessBuilder("bin/modelport", "models", "predict", "-m", model.toString(), "--flavor", "onnx")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        process.getOutputStream().write(c.body().getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(ConformanceJudge.compare(c.expectJson().orElseThrow(), new ObjectMapper().readTree(output), c.tolerance(), "$")).isEmpty();
    }

    @Test
    void aMissingModelExitsNonZeroWithAClearMessage() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bin/modelport", "models", "predict", "-m", Path.of("target/no-such-model").toString(), "-i", "/dev/null")
                .start();
        String error = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(error).contains("no-such-model");
    }
}
