package dev.modelport.bench;

import dev.modelport.data.Input;
import dev.modelport.data.Output;
import dev.modelport.data.Params;
import dev.modelport.flavor.Predictor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The evaluators: {@code Predictor.predict} on an already decoded and enforced request. run-jmh.sh
 * prints these beside scikit-learn's own predict (python_models.py) and xgboost4j's ({@link Xgboost4jBench}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PredictBench {
    @Param({"xgboost_500_trees", "sklearn_random_forest_100", "sklearn_hist_gradient_boosting", "sklearn_pipeline_mixed"})
    String model;

    @Param({"1", "1000", "10000"})
    int rows;

    Predictor predictor;
    Input input;

    @Setup
    public void load() {
        predictor = BenchModels.predictor(model);
        input = BenchModels.enforced(model, BenchModels.body(model, rows));
    }

    @Benchmark
    public Output predict() {
        return predictor.predict(input, Params.NONE);
    }
}
