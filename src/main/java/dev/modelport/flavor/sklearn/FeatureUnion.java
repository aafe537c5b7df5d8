package dev.modelport.flavor.sklearn;

import dev.modelport.data.Column;
import dev.modelport.data.DoubleColumn;
import dev.modelport.data.Dtype;
import dev.modelport.flavor.sklearn.pickle.PyTuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * FeatureUnion: every transformer (or passthrough) applied to the whole input, each result
 * multiplied by its {@code transformer_weights} entry, stacked side by side.
 */
final class FeatureUnion implements Transformer {
    /** {@code transformer} null means passthrough; {@code weight} null means unweighted. */
    private record Part(Transformer transformer, Double weight) {
    }

    private final List<Part> parts;

    FeatureUnion(EstimatorState s, EstimatorCompiler compiler) {
        Map<?, ?> weights = s.optional("transformer_weights").map(w -> {
            if (!(w instanceof Map<?, ?> m)) {
                throw s.invalid("transformer_weights", "is not a dict");
            }
            return m;
        }).orElse(Map.of());
        List<Part> compiled = new ArrayList<>();
        for (Object entry : s.list("transformer_list")) {
            if (!(entry instanceof PyTuple t) || t.size() != 2 || !(t.get(0) instanceof String name)) {
                throw s.invalid("transformer_list", "holds a non-(name, transformer) entry");
            }
            Object trans = t.get(1);
            if ("drop".equals(trans) || trans == null) {
                continue;
            }
            Double weight = switch (weights.get(name)) {
                case null -> null;
                case Double d -> d;
                case Long l -> (double) l;
                default -> throw s.invalid("transformer_weights", "holds a non-number for " + name);
            };
            compiled.add(new Part("passthrough".equals(trans) ? null : compiler.transformer(trans), weight));
        }
        this.parts = List.copyOf(compiled);
    }

    @Override
    public String name() {
        return "FeatureUnion";
    }

    @Override
    public Table transform(Table x) {
        List<Column> stacked = new ArrayList<>();
        for (Part p : parts) {
            Table result = p.transformer() == null ? x : p.transformer().transform(x);
            for (Column c : result.columns()) {
                if (p.weight() == null) {
                    stacked.add(c);
                    continue;
                }
                double[] v = InputCheck.toDoubles(c);
                for (int i = 0; i < v.length; i++) {
                    v[i] *= p.weight();
                }
                stacked.add(new DoubleColumn(v, Dtype.FLOAT64));
            }
        }
        return Table.ofArray(stacked, x.rows());
    }
}
