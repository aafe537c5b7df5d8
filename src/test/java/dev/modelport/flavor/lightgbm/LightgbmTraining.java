package dev.modelport.flavor.lightgbm;

import com.microsoft.ml.lightgbm.SWIGTYPE_p_double;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_int;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_long_long;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_p_void;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_void;
import com.microsoft.ml.lightgbm.lightgbmlib;
import com.microsoft.ml.lightgbm.lightgbmlibConstants;
import dev.modelport.model.ColSpec;
import dev.modelport.model.ColumnSchema;
import dev.modelport.model.DataType;
import dev.modelport.model.Model;
import dev.modelport.model.ModelSignature;
import dev.modelport.model.PythonEnv;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;

/**
 * Trains boosters with lightgbm4j (LightGBM 4.3.0's own C library) on random data and saves them
 * as {@code mlflow.lightgbm.save_model} lays out a Booster; the same library, loading the saved
 * {@code model.lgb} as {@code lightgbm.Booster(model_file=...)} does, is the oracle.
 */
final class LightgbmTraining {
    /**
     * Columns: c0..c2 numeric (NaN, exact and near zeros, kZeroThreshold neighbours), c3 numeric
     * never missing in training, c4 a category 0..9 and c5 a category 0..69 (NaN, negative,
     * fractional and unseen values at prediction).
     */
    static final List<String> NAMES = List.of("c0", "c1", "c2", "c3", "c4", "c5");
    static final int COLS = NAMES.size();
    static final String CATEGORICAL = "categorical_feature=4,5";
    private static final double[] ODD_NUMBERS = {0.0, -0.0, 1e-36, -1e-36, 1e-35, 1.00000001e-35, -1.00000001e-35, 1e300, -1e300};
    private static final double[] ODD_CATEGORIES = {-1, -0.5, -1e-36, 2.7, 69.5, 100, 1 << 30, 3e9};

    private LightgbmTraining() {
    }

    /** Row-major rows of the six columns; {@code prediction} data also holds the values training never sees. */
    static double[] features(long seed, int rows, boolean prediction) {
        Random random = new Random(seed);
        double[] x = new double[rows * COLS];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < 4; c++) {
                double v = random.nextGaussian();
                int dice = random.nextInt(20);
                if (dice < 2 && (c < 3 || prediction)) {
                    v = Double.NaN;
                } else if (dice == 2) {
                    v = 0.0;
                } else if (dice == 3 && prediction) {
                    v = ODD_NUMBERS[random.nextInt(ODD_NUMBERS.length)];
                }
                x[r * COLS + c] = v;
            }
            x[r * COLS + 4] = category(random, 10, prediction);
            x[r * COLS + 5] = category(random, 70, prediction);
        }
        return x;
    }

    private static double category(Random random, int count, boolean prediction) {
        int dice = random.nextInt(20);
        if (dice == 0) {
            return Double.NaN;
        }
        if (dice == 1 && prediction) {
            return ODD_CATEGORIES[random.nextInt(ODD_CATEGORIES.length)];
        }
        return random.nextInt(count);
    }

    /** A signal of the features that every label kind derives from. */
    static double signal(double[] x, int row) {
        double c0 = Double.isNaN(x[row * COLS]) ? -0.5 : x[row * COLS];
        double c1 = Double.isNaN(x[row * COLS + 1]) ? 0.3 : x[row * COLS + 1];
        double c3 = x[row * COLS + 3];
        double c4 = x[row * COLS + 4];
        double c5 = x[row * COLS + 5];
        double cat = (c4 == 2 || c4 == 5 || c4 == 7 ? 1.0 : 0.0) + (c5 > 0 && ((int) c5) % 3 == 0 ? 0.7 : 0.0);
        return c0 + 0.5 * c1 * c1 - 0.3 * c3 + cat;
    }

    static float[] labels(double[] x, int rows, DoubleUnaryOperator fromSignal, long seed) {
        Random noise = new Random(seed);
        float[] y = new float[rows];
        for (int r = 0; r < rows; r++) {
            y[r] = (float) fromSignal.applyAsDouble(signal(x, r) + 0.3 * noise.nextGaussian());
        }
        return y;
    }

    static LGBMBooster train(double[] x, int rows, float[] labels, String params, String datasetParams, int iterations, int groupSize)
            throws LGBMException {
        try (LGBMDataset dataset = LGBMDataset.createFromMat(x, rows, COLS, true, datasetParams + " verbose=-1", null)) {
            dataset.setFeatureNames(NAMES.toArray(String[]::new));
            dataset.setField("label", labels);
            if (groupSize > 0) {
                int[] groups = new int[rows / groupSize];
                Arrays.fill(groups, groupSize);
                dataset.setField("group", groups);
            }
            LGBMBooster booster = LGBMBooster.create(dataset, params + " verbose=-1 num_threads=1 seed=3");
            for (int i = 0; i < iterations; i++) {
                if (booster.updateOneIter()) {
                    break;
                }
            }
            return booster;
        }
    }

    /**
     * Saves {@code booster} as mlflow.lightgbm saves a Booster: {@code model.lgb} is
     * {@code Booster.save_model} (the C library's text, then the Python package's
     * {@code pandas_categorical} line), MLmodel has the python_function and lightgbm flavors and
     * the signature {@code infer_signature} gives a float64 frame with missing values.
     */
    static Path saveMlflow(LGBMBooster booster, Path dir, boolean signature) throws LGBMException, IOException {
        Files.createDirectories(dir);
        String text = booster.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.SPLIT);
        Files.writeString(dir.resolve("model.lgb"), text + "\npandas_categorical:null\n");
        Model model = Model.create()
                .addFlavor("python_function", Map.of("loader_module", "mlflow.lightgbm", "data", "model.lgb",
                        "env", Map.of("conda", "conda.yaml", "virtualenv", "python_env.yaml"), "python_version", "3.11.2"))
                .addFlavor("lightgbm", mapWithNull("lgb_version", "4.3.0", "data", "model.lgb",
                        "model_class", "lightgbm.basic.Booster", "code", null))
                .withMlflowVersion("2.12.2.dev0");
        if (signature) {
            List<ColSpec> columns = new ArrayList<>();
            NAMES.forEach(n -> columns.add(new ColSpec(Optional.of(n), DataType.DOUBLE, false)));
            model = model.withSignature(new ModelSignature(new ColumnSchema(columns), Optional.empty(), Optional.empty()));
        }
        model.save(dir, PythonEnv.forModel(model, List.of("lightgbm==4.3.0")));
        return dir;
    }

    private static Map<String, Object> mapWithNull(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    /**
     * What {@code lightgbm.Booster(model_file=dir/model.lgb).predict(x)} answers, flat row-major:
     * the C API's {@code LGBM_BoosterCreateFromModelfile} and {@code LGBM_BoosterPredictForMat}
     * with float64 rows, called through lightgbm4j's SWIG layer because its
     * {@code LGBMBooster.predictForMat} allocates only two scores per row.
     */
    static double[] oracle(Path dir, double[] x, int rows) throws LGBMException, IOException {
        LGBMBooster.loadNative();
        SWIGTYPE_p_p_void handleOut = lightgbmlib.new_voidpp();
        SWIGTYPE_p_int intOut = lightgbmlib.new_intp();
        SWIGTYPE_p_long_long lengthOut = lightgbmlib.new_int64_tp();
        SWIGTYPE_p_double input = lightgbmlib.new_doubleArray(x.length);
        SWIGTYPE_p_double output = null;
        try {
            check(lightgbmlib.LGBM_BoosterCreateFromModelfile(dir.resolve("model.lgb").toString(), intOut, handleOut));
            SWIGTYPE_p_void handle = lightgbmlib.voidpp_value(handleOut);
            try {
                check(lightgbmlib.LGBM_BoosterGetNumClasses(handle, intOut));
                long size = (long) rows * lightgbmlib.intp_value(intOut);
                output = lightgbmlib.new_doubleArray(size);
                for (int i = 0; i < x.length; i++) {
                    lightgbmlib.doubleArray_setitem(input, i, x[i]);
                }
                check(lightgbmlib.LGBM_BoosterPredictForMat(handle, lightgbmlib.double_to_voidp_ptr(input),
                        lightgbmlibConstants.C_API_DTYPE_FLOAT64, rows, COLS, 1, lightgbmlibConstants.C_API_PREDICT_NORMAL, 0, -1, "",
                        lengthOut, output));
                if (lightgbmlib.int64_tp_value(lengthOut) != size) {
                    throw new LGBMException("predicted " + lightgbmlib.int64_tp_value(lengthOut) + " values, expected " + size);
                }
                double[] scores = new double[(int) size];
                for (int i = 0; i < scores.length; i++) {
                    scores[i] = lightgbmlib.doubleArray_getitem(output, i);
                }
                return scores;
            } finally {
                lightgbmlib.LGBM_BoosterFree(handle);
            }
        } finally {
            lightgbmlib.delete_doubleArray(input);
            if (output != null) {
                lightgbmlib.delete_doubleArray(output);
            }
            lightgbmlib.delete_int64_tp(lengthOut);
            lightgbmlib.delete_intp(intOut);
            lightgbmlib.delete_voidpp(handleOut);
        }
    }

    private static void check(int status) throws LGBMException {
        if (status != 0) {
            throw new LGBMException(lightgbmlib.LGBM_GetLastError());
        }
    }
}
