package dev.modelport.data.codec;

import dev.modelport.data.Column;
import dev.modelport.data.Frame;
import dev.modelport.data.Input;
import dev.modelport.data.Tensor;
import dev.modelport.data.parallel.SpareCores;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Decodes request bodies the way the scoring server does, and reads what came out as plain values. */
final class Requests {
    private static final JsonRequestCodec V2 = new JsonRequestCodec(Optional.empty(), ScoringProtocol.MLFLOW_2, SpareCores.none());
    private static final JsonRequestCodec V1 = new JsonRequestCodec(Optional.empty(), ScoringProtocol.MLFLOW_1, SpareCores.none());

    private Requests() {
    }

    /** An MLflow 2.x server without a signature. */
    static DecodedRequest v2(String body) {
        return V2.decode(body.getBytes(StandardCharsets.UTF_8));
    }

    /** An MLflow 1.x server without a signature. */
    static DecodedRequest v1(String body) {
        return V1.decode(body.getBytes(StandardCharsets.UTF_8));
    }

    static Frame frame(Input input) {
        if (!(input instanceof Frame f)) {
            throw new AssertionError("expected a DataFrame, got " + input);
        }
        return f;
    }

    static Tensor tensor(Input input) {
        if (!(input instanceof Tensor t)) {
            throw new AssertionError("expected a tensor, got " + input);
        }
        return t;
    }

    /** The numpy names of the frame's column dtypes, as pandas' {@code df.dtypes}. */
    static List<String> dtypes(Frame f) {
        return f.columns().stream().map(c -> c.dtype().numpyName()).toList();
    }

    /** The frame's rows as boxed values ({@code df.values.tolist()}). */
    static List<List<Object>> rows(Frame f) {
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < f.rows(); r++) {
            List<Object> row = new ArrayList<>();
            for (Column c : f.columns()) {
                row.add(c.get(r));
            }
            rows.add(row);
        }
        return rows;
    }

    /** The tensor's values, flat, boxed. */
    static List<Object> values(Tensor t) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < t.values().size(); i++) {
            out.add(t.values().get(i));
        }
        return out;
    }
}
