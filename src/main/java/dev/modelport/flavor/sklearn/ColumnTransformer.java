package dev.modelport.flavor.sklearn;

import dev.modelport.data.Column;
import dev.modelport.flavor.sklearn.pickle.PyObject;
import dev.modelport.flavor.sklearn.pickle.PyTuple;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ColumnTransformer: each fitted transformer (or passthrough) applied to its columns, the results
 * stacked side by side ({@code np.hstack}); columns are found by name when it was fitted on a
 * DataFrame and is given one, else by position.
 */
final class ColumnTransformer implements Transformer {
    /** One fitted entry of {@code transformers_}; {@code transformer} null means passthrough. */
    private record Part(String name, Transformer transformer, int[] indices) {
    }

    private final InputCheck check;
    private final List<Part> parts;
    private final String[] featureNames;

    ColumnTransformer(EstimatorState s, EstimatorCompiler compiler) {
        this.check = InputCheck.of(s);
        this.featureNames = s.featureNamesIn().orElse(null);
        Object indexMap = s.get("_transformer_to_input_indices");
        if (!(indexMap instanceof Map<?, ?> indices)) {
            throw s.invalid("_transformer_to_input_indices", "is not a dict");
        }
        List<Part> compiled = new ArrayList<>();
        for (Object entry : s.list("transformers_")) {
            if (!(entry instanceof PyTuple t) || t.size() != 3 || !(t.get(0) instanceof String name)) {
                throw s.invalid("transformers_", "holds a non-(name, transformer, columns) entry");
            }
            int[] idx = toIndices(s, indices.get(name));
            Object trans = t.get(1);
            if ("drop".equals(trans) || idx.length == 0) {
                continue;
            }
            Transformer transformer;
            if ("passthrough".equals(trans)) {
                transformer = null;
            } else if (trans instanceof PyObject p) {
                transformer = compiler.transformer(p);
            } else {
                throw s.invalid("transformers_", "holds transformer " + trans);
            }
            if (featureNames != null) {
                for (int i : idx) {
                    if (i < 0 || i >= featureNames.length) {
                        throw s.invalid("_transformer_to_input_indices", "points outside feature_names_in_");
                    }
                }
            }
            compiled.add(new Part(name, transformer, idx));
        }
        this.parts = List.copyOf(compiled);
    }

    private static int[] toIndices(EstimatorState s, Object value) {
        if (!(value instanceof List<?> list)) {
            throw s.invalid("_transformer_to_input_indices", "has no list of indices");
        }
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Long l)) {
                throw s.invalid("_transformer_to_input_indices", "holds a non-integer");
            }
            out[i] = l.intValue();
        }
        return out;
    }

    @Override
    public String name() {
        return "ColumnTransformer";
    }

    @Override
    public Table transform(Table x) {
        boolean byName = featureNames != null && x.isFrame();
        if (byName) {
            Set<String> missing = new LinkedHashSet<>();
            for (Part p : parts) {
                for (int i : p.indices()) {
                    if (!x.names().contains(featureNames[i])) {
                        missing.add(InputCheck.pyRepr(featureNames[i]));
                    }
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("columns are missing: {" + String.join(", ", missing) + "}");
            }
        } else {
            check.checkFeatureCount(x.width());
        }
        List<Column> stacked = new ArrayList<>();
        for (Part p : parts) {
            List<String> names = new ArrayList<>();
            List<Column> cols = new ArrayList<>();
            for (int i : p.indices()) {
                int at = byName ? x.names().indexOf(featureNames[i]) : i;
                cols.add(x.columns().get(at));
                if (x.isFrame()) {
                    names.add(x.names().get(at));
                }
            }
            Table selected = new Table(x.isFrame() ? names : null, cols, x.rows());
            Table result = p.transformer() == null ? selected : p.transformer().transform(selected);
            if (result.rows() != x.rows()) {
                throw new IllegalStateException("transformer " + p.name() + " changed the number of rows");
            }
            stacked.addAll(result.columns());
        }
        return Table.ofArray(stacked, x.rows());
    }
}
