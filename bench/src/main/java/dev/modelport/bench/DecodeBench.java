package dev.modelport.bench;

import dev.modelport.ErrorCode;
import dev.modelport.data.Input;
import dev.modelport.data.codec.CsvCodec;
import dev.modelport.data.codec.JsonRequestCodec;
import dev.modelport.data.codec.SchemaHint;
import dev.modelport.data.codec.ScoringProtocol;
import dev.modelport.data.parallel.SpareCores;
import dev.modelport.model.Model;
import dev.modelport.schema.DecodeHints;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Request decoding: a dataframe_split JSON body and the same rows as CSV, typed by the model's signature. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DecodeBench {
    @Param({"sklearn_logreg_iris", "sklearn_pipeline_mixed"})
    String model;

    @Param({"1", "10000"})
    int rows;

    Optional<SchemaHint> hint;
    JsonRequestCodec json;
    byte[] jsonBody;
    byte[] csvBody;

    @Setup
    public void load() {
        hint = Model.load(BenchModels.model(model).root()).signature().map(s -> DecodeHints.of(s.inputs()));
        json = new JsonRequestCodec(hint, ScoringProtocol.BOTH, new SpareCores(Runtime.getRuntime().availableProcessors()));
        jsonBody = BenchModels.body(model, rows);
        csvBody = Requests.csv(jsonBody).getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public Input dataframeSplit() {
        return json.decode(jsonBody).input();
    }

    @Benchmark
    public Input csv() {
        return CsvCodec.readFrame(csvBody, hint, ErrorCode.BAD_REQUEST);
    }
}
