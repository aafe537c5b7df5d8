package dev.modelport.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.ModelportException;
import dev.modelport.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Azure ML mounts registered models as {@code <mount>/<model-name>/<version>/<artifact path>/MLmodel}. */
class MountedModelTest {
    @TempDir
    Path mount;

    private Path copyIrisTo(String relative) throws IOException {
        Path target = Files.createDirectories(mount.resolve(relative));
        Path source = Fixtures.modelDir("sklearn_logreg_iris");
        try (var files = Files.list(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return target;
    }

    @Test
    void theMountItselfMayBeTheModel() throws IOException {
        copyIrisTo(".");
        copyIrisTo("code/vendored"); // a model directory's own subfolders are not searched once it has an MLmodel
        assertThat(MountedModel.find(mount).root()).isEqualTo(mount.toAbsolutePath().normalize());
    }

    @Test
    void findsTheOneModelBelowTheMount() throws IOException {
        Path model = copyIrisTo("iris/3/model");
        assertThat(MountedModel.find(mount).root()).isEqualTo(model.toAbsolutePath().normalize());
    }

    @Test
    void severalModelsAreAClearErrorNamingThem() throws IOException {
        copyIrisTo("iris/3/model");
        copyIrisTo("wine/1/model");
        assertThatThrownBy(() -> MountedModel.find(mount)).isInstanceOf(ModelportException.class)
                .hasMessageContaining("holds 2 models").hasMessageContaining("iris/3/model").hasMessageContaining("wine/1/model")
                .hasMessageContaining("MLFLOW_MODEL_FOLDER");
    }

    @Test
    void noModelIsAClearError() throws IOException {
        Files.createDirectories(mount.resolve("empty/1"));
        assertThatThrownBy(() -> MountedModel.find(mount)).isInstanceOf(ModelportException.class)
                .hasMessageContaining("no MLmodel file in " + mount.toAbsolutePath().normalize());
    }

    @Test
    void aMissingMountIsAClearError() {
        assertThatThrownBy(() -> MountedModel.find(mount.resolve("absent"))).isInstanceOf(ModelportException.class)
                .hasMessageContaining("does not exist");
    }
}
