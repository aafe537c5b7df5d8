package dev.modelport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.testing.Fixtures;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@QuarkusMainTest
class PredictCommandTest {
    private static final String IRIS = Fixtures.modelDir("sklearn_logreg_iris").toString();
    private static final String HEADER = "sepal length (cm),sepal width (cm),petal length (cm),petal width (cm)\n";

    @TempDir
    Path dir;

    @Test
    void predictsJsonInputToAnOutputFile(QuarkusMainLauncher launcher) throws Exception {
        Path in = Files.writeString(dir.resolve("in.json"), "{\"dataframe_split\": {\"columns\": [\"sepal length (cm)\", \"sepal width (cm)\", "
                + "\"petal length (cm)\", \"petal width (cm)\"], \"data\": [[5.1, 3.5, 1.4, 0.2], [6.3, 3.3, 6.0, 2.5]]}}");
        Path out = dir.resolve("out.json");
        LaunchResult result = launcher.launch("models", "predict", "-m", IRIS, "-i", in.toString(), "-o", out.toString());
        assertThat(result.exitCode()).isZero();
        assertThat(Files.readString(out)).isEqualTo("{\"predictions\": [0, 2]}");
    }

    @Test
    void predictsCsvInputToStandardOutput(QuarkusMainLauncher launcher) throws Exception {
        Path in = Files.writeString(dir.resolve("in.csv"), HEADER + "5.1,3.5,1.4,0.2\n");
        LaunchResult result = launcher.launch("models", "predict", "-m", IRIS, "-i", in.toString(), "-t", "csv");
        assertThat(result.exitCode()).isZero();
        assertThat(result.getOutput()).isEqualTo("{\"predictions\": [0]}");
    }

    @Test
    void aSchemaViolationExitsNonZeroWithMlflowsErrorOnStandardError(QuarkusMainLauncher launcher) throws Exception {
        Path in = Files.writeString(dir.resolve("in.json"), "{\"dataframe_split\": {\"columns\": [\"sepal width (cm)\"], \"data\": [[3.5]]}}");
        LaunchResult result = launcher.launch("models", "predict", "-m", IRIS, "-i", in.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.getErrorOutput()).contains("\"error_code\": \"INVALID_PARAMETER_VALUE\"");
        assertThat(result.getOutput()).isEmpty();
    }

    @Test
    void aDirectoryWithoutMlmodelIsAClearError(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("models", "predict", "-m", dir.toString(), "-i", "/dev/null");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.getErrorOutput()).contains("modelport: MODEL_LOAD_FAILED: no MLmodel file in");
    }

    @Test
    void anUnknownEnvManagerIsNamedAsTheOptionsFaultNotTheModels(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("models", "predict", "-m", IRIS, "-i", "/dev/null", "--env-manager", "uv");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.getErrorOutput()).contains("modelport: Unknown --env-manager 'uv': use local, virtualenv or conda")
                .doesNotContain("MODEL_LOAD_FAILED");
    }

    @Test
    void anUnknownContentTypeIsAUsageError(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("models", "predict", "-m", IRIS, "-t", "xml");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.getErrorOutput()).contains("Unknown content type 'xml'");
    }
}
