package dev.modelport.bench;

import java.util.concurrent.TimeUnit;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** The baseline for the XGBoost evaluator: xgboost4j (JNI) predicting the same model.json on the same rows. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class Xgboost4jBench {
    @Param({"xgboost_500_trees"})
    String model;

    @Param({"1", "1000", "10000"})
    int rows;

    Booster booster;
    float[] features;
    int width;

    @Setup
    public void load() throws XGBoostError {
        booster = XGBoost.loadModel(BenchModels.model(model).resolve("model.json").toString());
        byte[] body = BenchModels.body(model, rows);
        features = Requests.floats(body);
        width = Requests.width(body);
    }

    /** What a caller of xgboost4j does per request: wrap the rows in a DMatrix, predict, free it. */
    @Benchmark
    public float[][] predict() throws XGBoostError {
        DMatrix matrix = new DMatrix(features, rows, width, Float.NaN);
        try {
            return booster.predict(matrix);
        } finally {
            matrix.dispose();
        }
    }

    @TearDown
    public void close() {
        booster.dispose();
    }
}
