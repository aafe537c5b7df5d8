package dev.modelport.flavor.sklearn;

import dev.modelport.flavor.sklearn.pickle.SafeUnpickler;
import java.util.Arrays;
import java.util.Map;

/**
 * OrdinalEncoder: each value's category index as a float; the missing-value category (NaN or None
 * among {@code categories_}) becomes {@code encoded_missing_value}, an unknown category an error
 * or, with {@code handle_unknown='use_encoded_value'}, {@code unknown_value}.
 */
final class OrdinalEncoder implements Transformer {
    private final Categories categories;
    private final boolean useEncodedValue;
    private final double unknownValue;
    /** Per feature, the index of its missing-value category, or -1. */
    private final int[] missingIndex;
    private final double encodedMissingValue;

    OrdinalEncoder(EstimatorState s) {
        this.categories = new Categories(s);
        String handle = s.string("handle_unknown", "error");
        if (!handle.equals("error") && !handle.equals("use_encoded_value")) {
            throw s.unsupported("handle_unknown='" + handle + "'");
        }
        if (!(s.optional("dtype").orElse(null) instanceof SafeUnpickler.Global g) || !g.name().equals("numpy.float64")) {
            throw s.unsupported("a dtype other than numpy.float64");
        }
        this.useEncodedValue = handle.equals("use_encoded_value");
        this.unknownValue = useEncodedValue ? s.number("unknown_value") : Double.NaN;
        this.encodedMissingValue = s.has("encoded_missing_value") ? s.number("encoded_missing_value") : Double.NaN;
        this.missingIndex = new int[categories.features()];
        Arrays.fill(missingIndex, -1);
        if (!(s.get("_missing_indices") instanceof Map<?, ?> missing)) {
            throw s.invalid("_missing_indices", "is not a dict");
        }
        missing.forEach((feature, index) -> {
            if (!(feature instanceof Long f) || !(index instanceof Long i) || f < 0 || f >= missingIndex.length) {
                throw s.invalid("_missing_indices", "holds a non-(feature, index) entry");
            }
            missingIndex[f.intValue()] = i.intValue();
        });
    }

    @Override
    public String name() {
        return "OrdinalEncoder";
    }

    @Override
    public Table transform(Table x) {
        int[][] codes = categories.encode(x, useEncodedValue);
        int n = x.rows();
        double[][] out = new double[codes.length][n];
        for (int f = 0; f < codes.length; f++) {
            for (int i = 0; i < n; i++) {
                int c = codes[f][i];
                out[f][i] = c == Categories.UNKNOWN ? unknownValue : c == missingIndex[f] ? encodedMissingValue : c;
            }
        }
        return Table.ofDoubles(out, n);
    }
}
