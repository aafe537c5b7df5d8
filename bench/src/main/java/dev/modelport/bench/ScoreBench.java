package dev.modelport.bench;

import dev.modelport.scoring.ScoringResponse;
import dev.modelport.scoring.ScoringService;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The whole /invocations path without HTTP: body bytes in, answer bytes out (decode, enforce, predict, encode). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ScoreBench {
    @Param({"sklearn_logreg_iris", "sklearn_pipeline_mixed", "xgboost_booster_json"})
    String model;

    @Param({"1", "10000"})
    int rows;

    ScoringService scoring;
    byte[] body;

    @Setup
    public void load() {
        scoring = BenchModels.scoring(model);
        body = BenchModels.body(model, rows);
        ScoringResponse check = scoring.score("application/json", body);
        if (check.status() != 200) {
            throw new IllegalStateException(model + " answered " + check.status() + ": " + check.bodyText());
        }
    }

    @Benchmark
    public ScoringResponse score() {
        return scoring.score("application/json", body);
    }
}
