package dev.modelport.flavor.lightgbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.modelport.ModelportException;
import dev.modelport.flavor.Flavors;
import dev.modelport.model.Model;
import dev.modelport.model.ModelDirectory;
import io.github.metarank.lightgbm4j.LGBMBooster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Corrupt, truncated or unsupported LightGBM models fail at load with a ModelportException naming the file: never another exception. */
class LightgbmLoadErrorsTest {
    @TempDir
    static Path models;
    @TempDir
    Path tmp;

    @BeforeAll
    static void train() throws Exception {
        save("categorical", "objective=multiclass num_class=3", LightgbmTraining.CATEGORICAL);
        save("linear", "objective=binary linear_tree=true", LightgbmTraining.CATEGORICAL + " linear_tree=true");
    }

    private static void save(String name, String params, String datasetParams) throws Exception {
        double[] x = LightgbmTraining.features(1, 400, false);
        float[] labels = LightgbmTraining.labels(x, 400, s -> s < 0 ? 0 : s < 1 ? 1 : 2, 2);
        if (params.contains("binary")) {
            for (int i = 0; i < labels.length; i++) {
                labels[i] = labels[i] > 1 ? 1 : 0;
            }
        }
        try (LGBMBooster booster = LightgbmTraining.train(x, 400, labels, params, datasetParams, 5, 0)) {
            LightgbmTraining.saveMlflow(booster, models.resolve(name), false);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"categorical", "linear"})
    void everyTruncationBeforeTheEndOfTheTreesFails(String name) throws IOException {
        byte[] bytes = Files.readAllBytes(models.resolve(name).resolve("model.lgb"));
        int endOfTrees = new String(bytes, StandardCharsets.UTF_8).indexOf("end of trees") + "end of trees".length();
        int step = Math.max(1, endOfTrees / 400);
        for (int length = 0; length < endOfTrees; length += step) {
            Path truncated = write(Arrays.copyOf(bytes, length));
            assertThatThrownBy(() -> LightgbmFlavor.read(truncated))
                    .as("truncated to %d of %d bytes", length, bytes.length)
                    .isInstanceOf(ModelportException.class)
                    .hasMessageStartingWith("cannot load LightGBM text model " + truncated);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"categorical", "linear"})
    void truncatingImportancesOrParametersLoadsLikeLightgbmAndACutCategoricalLineFails(String name) throws IOException {
        String text = Files.readString(models.resolve(name).resolve("model.lgb"));
        int parameters = text.indexOf("parameters:");
        assertThat(LightgbmFlavor.read(write(text.substring(0, parameters).getBytes(StandardCharsets.UTF_8))).trees().treeCount())
                .isPositive();
        Path cut = write(text.substring(0, text.length() - "ull\n".length()).getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> LightgbmFlavor.read(cut)).isInstanceOf(ModelportException.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"categorical", "linear"})
    void corruptBytesEitherLoadOrFailWithModelportException(String name) throws IOException {
        byte[] original = Files.readAllBytes(models.resolve(name).resolve("model.lgb"));
        Random random = new Random(11);
        int failed = 0;
        for (int i = 0; i < 300; i++) {
            byte[] bytes = original.clone();
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                // half random bytes, half characters of the format: digits, separators, line breaks
                int position = random.nextInt(bytes.length);
                bytes[position] = (byte) (random.nextBoolean() ? random.nextInt(256) : "0123456789 -=\n".charAt(random.nextInt(14)));
            }
            Path corrupt = write(bytes);
            Throwable thrown = catchThrowable(() -> LightgbmFlavor.read(corrupt));
            if (thrown != null) {
                assertThat(thrown).as("mutation %d", i).isInstanceOf(ModelportException.class);
                failed++;
            }
        }
        assertThat(failed).as("mutations refused").isGreaterThan(30);
    }

    @Test
    void garbageBinaryAndMissingFilesFailWithTheirReason() throws IOException {
        Path garbage = write("this is not a model at all\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> LightgbmFlavor.read(garbage)).isInstanceOf(ModelportException.class)
                .hasMessage("cannot load LightGBM text model " + garbage + ": not a LightGBM text model: the first line is not 'tree'");
        Path binary = write(new byte[] {'t', 'r', 'e', 'e', '\n', (byte) 0xff, (byte) 0xfe, 0});
        assertThatThrownBy(() -> LightgbmFlavor.read(binary)).isInstanceOf(ModelportException.class).hasMessageContaining("not UTF-8 text");
        assertThatThrownBy(() -> LightgbmFlavor.read(tmp.resolve("absent"))).isInstanceOf(ModelportException.class)
                .hasMessageStartingWith("cannot read LightGBM model " + tmp.resolve("absent"));
    }

    @Test
    void refusesObjectivesAndFeaturesItCannotEvaluate() throws IOException {
        String text = Files.readString(models.resolve("categorical").resolve("model.lgb"));
        Path unknown = write(text.replace("objective=multiclass num_class:3", "objective=my_loss").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> LightgbmFlavor.read(unknown)).hasMessageEndingWith("objective 'my_loss' is not supported natively");
        Path wrongClasses = write(text.replace("num_class:3", "num_class:4").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> LightgbmFlavor.read(wrongClasses)).isInstanceOf(ModelportException.class)
                .hasMessageContaining("4 outputs per row, the model 3 trees per iteration");
        Path fewerFeatures = write(text.replace("max_feature_idx=5", "max_feature_idx=2").replace("feature_names=c0 c1 c2 c3 c4 c5",
                "feature_names=c0 c1 c2").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> LightgbmFlavor.read(fewerFeatures)).isInstanceOf(ModelportException.class)
                .hasMessageContaining("of a model with 3 features");
    }

    @Test
    void leavesPickledScikitLearnModelsToPythonFunction() throws IOException {
        Path dir = models.resolve("categorical");
        Model booster = Model.load(dir);
        Map<String, Object> conf = new LinkedHashMap<>(booster.flavor("lightgbm").orElseThrow());
        conf.put("model_class", "lightgbm.sklearn.LGBMClassifier");
        conf.put("data", "model.pkl");
        Model classifier = booster.addFlavor("lightgbm", conf);
        LightgbmFlavor flavor = new LightgbmFlavor();
        assertThat(flavor.canLoad(booster)).isTrue();
        assertThat(flavor.canLoad(classifier)).isFalse();
        assertThatThrownBy(() -> flavor.load(ModelDirectory.open(dir), classifier)).isInstanceOf(ModelportException.class)
                .hasMessageContaining("model_class 'lightgbm.sklearn.LGBMClassifier'");
        assertThatThrownBy(() -> new Flavors(List.of(flavor)).load(ModelDirectory.open(dir), classifier))
                .isInstanceOf(ModelportException.class).hasMessageStartingWith("No flavor can load");
    }

    private Path write(byte[] bytes) throws IOException {
        Path file = tmp.resolve("model.lgb");
        Files.write(file, bytes);
        return file;
    }
}
