package dev.modelport.flavor.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.modelport.ErrorCode;
import dev.modelport.ModelportException;
import dev.modelport.flavor.Flavors;
import dev.modelport.flavor.Predictor;
import dev.modelport.model.Model;
import dev.modelport.model.ModelDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model the onnx flavor cannot open fails at load with a ModelportException that says why, never at predict. */
class OnnxLoadErrorsTest {
    @TempDir
    Path tmp;

    @Test
    void rejectsAModelFileThatIsNotOnnx() throws IOException {
        Path dir = copy("linear_regressor");
        Files.writeString(dir.resolve("model.onnx"), "this is not a protobuf", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> load(dir)).isInstanceOf(ModelportException.class)
                .hasMessageStartingWith("cannot load ONNX model " + dir.resolve("model.onnx"));
    }

    @Test
    void rejectsATruncatedModelFile() throws IOException {
        Path dir = copy("mlp_softmax");
        byte[] bytes = Files.readAllBytes(dir.resolve("model.onnx"));
        Files.write(dir.resolve("model.onnx"), Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> load(dir)).isInstanceOf(ModelportException.class).hasMessageContaining("cannot load ONNX model");
    }

    @Test
    void rejectsMissingExternalTensorData() throws IOException {
        Path dir = copy("external_data_mlp");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().matches("[0-9a-f-]{36}")).toList()) {
                Files.delete(f);
            }
        }
        assertThatThrownBy(() -> load(dir)).isInstanceOf(ModelportException.class).hasMessageContaining("cannot load ONNX model");
    }

    @Test
    void rejectsAMissingDataFile() throws IOException {
        Path dir = copy("linear_regressor");
        Files.delete(dir.resolve("model.onnx"));
        ModelportException e = (ModelportException) catchThrowable(() -> load(dir));
        assertThat(e.getMessage()).isEqualTo("the onnx flavor of " + dir + " names model.onnx, which is not a file");
        assertThat(e.code()).isEqualTo(ErrorCode.MODEL_LOAD_FAILED);
    }

    @Test
    void rejectsAnUnknownGraphOptimizationLevel() throws IOException {
        Path dir = copy("int64_double_regressor");
        rewriteMlmodel(dir, "graph_optimization_level: 99", "graph_optimization_level: 5");
        assertThatThrownBy(() -> load(dir)).isInstanceOf(ModelportException.class)
                .hasMessage("onnx_session_options.graph_optimization_level must be 0, 1, 2 or 99, got 5");
    }

    @Test
    void rejectsThreadCountsThatAreNotNumbers() throws IOException {
        Path dir = copy("int64_double_regressor");
        rewriteMlmodel(dir, "intra_op_num_threads: 1", "intra_op_num_threads: many");
        assertThatThrownBy(() -> load(dir)).isInstanceOf(ModelportException.class)
                .hasMessage("onnx_session_options.intra_op_num_threads must be a whole number of threads, got many");
    }

    @Test
    void opensAModelWithEveryMlflowSessionOption() throws IOException {
        Path dir = copy("int64_double_regressor");
        assertThat(Files.readString(dir.resolve("MLmodel"))).contains("execution_mode: sequential", "session.intra_op.allow_spinning");
        rewriteMlmodel(dir, "execution_mode: sequential", "execution_mode: PARALLEL");
        try (var predictor = load(dir)) {
            assertThat(predictor).isInstanceOf(OnnxPredictor.class);
        }
    }

    private Predictor load(Path dir) {
        ModelDirectory model = ModelDirectory.open(dir);
        return Flavors.installed().load(model, Model.load(model.root()), Optional.of("onnx"));
    }

    private void rewriteMlmodel(Path dir, String from, String to) throws IOException {
        String text = Files.readString(dir.resolve("MLmodel"));
        assertThat(text).contains(from);
        Files.writeString(dir.resolve("MLmodel"), text.replace(from, to));
    }

    private Path copy(String name) throws IOException {
        Path source = OnnxTestModels.modelDir(name);
        Path target = tmp.resolve(name);
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(source)) {
            files.forEach(f -> {
                try {
                    Files.copy(f, target.resolve(f.getFileName().toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return target;
    }
}
