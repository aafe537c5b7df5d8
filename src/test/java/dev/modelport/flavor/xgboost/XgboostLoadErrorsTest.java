package dev.modelport.flavor.xgboost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.modelport.ModelportException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Corrupt or truncated model files fail at load with a ModelportException: no hang, no OOM, no other exception. */
class XgboostLoadErrorsTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{1}")
    @CsvSource({"reg_squarederror_json/model/model.json, json", "multi_softprob_ubj/model/model.ubj, ubj",
            "multi_softprob_xgb/model/model.xgb, xgb", "dart_reg_xgb/model/model.xgb, xgb",
            "categorical_json/model/model.json, json", "gblinear_multi_ubj/model/model.ubj, ubj"})
    void everyTruncationFailsWithModelportException(String file, String format) throws IOException {
        byte[] bytes = Files.readAllBytes(XgboostOracleTest.MODELS.resolve(file));
        int step = Math.max(1, bytes.length / 300);
        for (int length = 0; length < bytes.length - 1; length += step) {
            Path truncated = write(java.util.Arrays.copyOf(bytes, length));
            assertThatThrownBy(() -> XgboostFlavor.read(truncated, format))
                    .as("truncated to %d of %d bytes", length, bytes.length)
                    .isInstanceOf(ModelportException.class)
                    .hasMessageContaining("cannot load XGBoost " + format + " model");
        }
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource({"reg_squarederror_json/model/model.json, json", "multi_softprob_ubj/model/model.ubj, ubj",
            "multi_softprob_xgb/model/model.xgb, xgb", "categorical_json/model/model.json, json"})
    void corruptBytesEitherLoadOrFailWithModelportException(String file, String format) throws IOException {
        byte[] original = Files.readAllBytes(XgboostOracleTest.MODELS.resolve(file));
        Random random = new Random(7);
        for (int i = 0; i < 300; i++) {
            byte[] bytes = original.clone();
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            Path corrupt = write(bytes);
            Throwable thrown = catchThrowable(() -> XgboostFlavor.read(corrupt, format));
            if (thrown != null) {
                assertThat(thrown).as("mutation %d", i).isInstanceOf(ModelportException.class);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"json", "ubj", "xgb"})
    void garbageFailsWithModelportException(String format) throws IOException {
        Path garbage = write("this is not a model at all, just text\n".getBytes());
        assertThatThrownBy(() -> XgboostFlavor.read(garbage, format)).isInstanceOf(ModelportException.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"json", "ubj", "xgb"})
    void missingFileFailsWithModelportException(String format) {
        assertThatThrownBy(() -> XgboostFlavor.read(tmp.resolve("absent"), format))
                .isInstanceOf(ModelportException.class).hasMessageContaining("cannot read XGBoost model");
    }

    private Path write(byte[] bytes) throws IOException {
        Path file = tmp.resolve("model");
        Files.write(file, bytes);
        return file;
    }
}
