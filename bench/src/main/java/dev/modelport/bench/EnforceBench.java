package dev.modelport.bench;

import dev.modelport.data.Input;
import dev.modelport.data.codec.JsonRequestCodec;
import dev.modelport.data.codec.ScoringProtocol;
import dev.modelport.data.parallel.SpareCores;
import dev.modelport.model.Model;
import dev.modelport.model.ModelSignature;
import dev.modelport.schema.DecodeHints;
import dev.modelport.schema.SchemaEnforcer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Schema enforcement of a decoded request against the model's signature. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EnforceBench {
    @Param({"sklearn_logreg_iris", "sklearn_pipeline_mixed"})
    String model;

    @Param({"1", "10000"})
    int rows;

    SchemaEnforcer enforcer;
    Input decoded;

    @Setup
    public void load() {
        ModelSignature signature = Model.load(BenchModels.model(model).root()).signature().orElseThrow();
        enforcer = new SchemaEnforcer(signature.inputs());
        decoded = new JsonRequestCodec(java.util.Optional.of(DecodeHints.of(signature.inputs())), ScoringProtocol.BOTH, SpareCores.none())
                .decode(BenchModels.body(model, rows)).input();
    }

    @Benchmark
    public Input enforce() {
        return enforcer.enforce(decoded);
    }
}
