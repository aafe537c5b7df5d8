package dev.modelport.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class ServeOptionsTest {

    @Test
    void readsShortAndLongOptionsAndTheEqualsForm() {
        ServeOptions options = ServeOptions.parse(new String[] {"-m", "/models/iris", "--port=6001", "--host", "0.0.0.0", "-w", "3",
                "--timeout=7", "--scoring-protocol", "mlflow-1", "--flavor=sklearn", "--env-manager", "local"});
        assertThat(options.modelUri).isEqualTo("/models/iris");
        assertThat(options.port).isEqualTo(6001);
        assertThat(options.host).isEqualTo("0.0.0.0");
        assertThat(options.workers).isEqualTo(3);
        assertThat(options.timeout).isEqualTo(7);
        assertThat(options.scoringProtocol).isEqualTo("mlflow-1");
        assertThat(options.flavor).isEqualTo("sklearn");
        assertThat(options.envManager).isEqualTo("local");
    }

    @Test
    void nothingGivenLeavesEveryOptionUnset() {
        ServeOptions options = ServeOptions.parse(new String[0]);
        assertThat(options.modelUri).isNull();
        assertThat(options.port).isNull();
        assertThat(options.workers).isNull();
    }

    @Test
    void picocliReadsWhatTheFastPathLeavesToIt() {
        ServeOptions options = ServeOptions.parse(new String[] {"-p6001", "-mmodel"});
        assertThat(options.port).isEqualTo(6001);
        assertThat(options.modelUri).isEqualTo("model");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--port eighty", "-p", "--no-such-option x", "-p 1 -p 2", "-m a --model-uri b", "stray"})
    void badArgumentsGetPicocliOwnError(String line) {
        String[] args = line.split(" ");
        String picocliMessage = picocliError(args);
        assertThatThrownBy(() -> ServeOptions.parse(args)).isInstanceOf(CommandLine.ParameterException.class).hasMessage(picocliMessage);
    }

    private static String picocliError(String[] args) {
        try {
            new CommandLine(new ServeOptions()).parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            return e.getMessage();
        }
        throw new AssertionError("picocli accepted " + String.join(" ", args));
    }
}
