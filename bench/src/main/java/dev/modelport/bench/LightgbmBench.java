package dev.modelport.bench;

import com.microsoft.ml.lightgbm.PredictionType;
import dev.modelport.data.DoubleColumn;
import dev.modelport.data.Dtype;
import dev.modelport.data.Output;
import dev.modelport.data.Params;
import dev.modelport.data.Tensor;
import dev.modelport.flavor.Flavors;
import dev.modelport.flavor.Predictor;
import dev.modelport.model.Model;
import dev.modelport.model.ModelDirectory;
import dev.modelport.model.PythonEnv;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Modelport's LightGBM evaluator beside lightgbm4j (LightGBM 4.3.0's C library over JNI) on the same
 * 500-tree binary booster and rows. The booster is trained here with lightgbm4j (Debian has no Python
 * LightGBM) on 20 features with 5 % missing values and saved as mlflow.lightgbm lays a Booster out.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LightgbmBench {
    private static final int FEATURES = 20;

    /** 500 for the comparison; {@code -p trees=1} measures the cost of one call with almost no trees to walk. */
    @Param({"500"})
    int trees;

    @Param({"1", "1000", "10000"})
    int rows;

    LGBMBooster booster;
    Predictor predictor;
    double[] features;
    Tensor input;

    @Setup
    public void load() throws LGBMException, IOException {
        double[] train = random(20_000, 7);
        float[] labels = new float[20_000];
        for (int r = 0; r < labels.length; r++) {
            double a = train[r * FEATURES];
            double b = train[r * FEATURES + 1];
            labels[r] = (Double.isNaN(a) ? 0 : a) + 0.5 * (Double.isNaN(b) ? 0 : b * b) - 0.3 * train[r * FEATURES + 2] > 0.2 ? 1 : 0;
        }
        try (LGBMDataset dataset = LGBMDataset.createFromMat(train, labels.length, FEATURES, true, "verbose=-1", null)) {
            dataset.setField("label", labels);
            booster = LGBMBooster.create(dataset, "objective=binary num_leaves=31 learning_rate=0.05 verbose=-1 num_threads=1 seed=3");
            for (int i = 0; i < trees; i++) {
                booster.updateOneIter();
            }
        }
        ModelDirectory dir = save(booster);
        predictor = Flavors.installed().load(dir, Model.load(dir.root()));
        features = random(rows, 11);
        input = new Tensor(new DoubleColumn(features, Dtype.FLOAT64), rows, FEATURES);
        double[] ours = ((DoubleColumn) ((Tensor) modelport()).values()).values();
        double[] theirs = booster.predictForMat(features, rows, FEATURES, true, PredictionType.C_API_PREDICT_NORMAL);
        for (int r = 0; r < rows; r++) {
            if (Math.abs(ours[r] - theirs[r]) > 1e-12 * Math.max(1, Math.abs(theirs[r]))) {
                throw new IllegalStateException("row " + r + ": Modelport " + ours[r] + ", LightGBM " + theirs[r]);
            }
        }
    }

    private static double[] random(int rows, long seed) {
        Random random = new Random(seed);
        double[] x = new double[rows * FEATURES];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextInt(20) == 0 ? Double.NaN : random.nextGaussian();
        }
        return x;
    }

    private ModelDirectory save(LGBMBooster booster) throws LGBMException, IOException {
        Path dir = Path.of(System.getProperty("bench.models", "target/bench-models"), "lightgbm_" + trees + "_trees", "model");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("model.lgb"),
                booster.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.SPLIT) + "\npandas_categorical:null\n");
        Model model = Model.create()
                .addFlavor("python_function", Map.of("loader_module", "mlflow.lightgbm", "data", "model.lgb", "python_version", "3.11.2"))
                .addFlavor("lightgbm", Map.of("lgb_version", "4.3.0", "data", "model.lgb", "model_class", "lightgbm.basic.Booster"));
        model.save(dir, PythonEnv.forModel(model, List.of("lightgbm==4.3.0")));
        return ModelDirectory.open(dir);
    }

    @Benchmark
    public Output modelport() {
        return predictor.predict(input, Params.NONE);
    }

    /** lightgbm4j's fastest path for the size: its single-row call for one row, the matrix call otherwise. */
    @Benchmark
    public Object lightgbm4j() throws LGBMException {
        return rows == 1
                ? (Object) booster.predictForMatSingleRow(features, PredictionType.C_API_PREDICT_NORMAL)
                : booster.predictForMat(features, rows, FEATURES, true, PredictionType.C_API_PREDICT_NORMAL);
    }

    @TearDown
    public void close() throws LGBMException {
        booster.close();
        predictor.close();
    }
}
