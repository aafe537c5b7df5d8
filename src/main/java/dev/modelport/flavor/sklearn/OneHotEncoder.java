package dev.modelport.flavor.sklearn;

import dev.modelport.flavor.sklearn.pickle.NdArray;
import java.util.Arrays;
import java.util.List;

/**
 * OneHotEncoder: one float column per category of each feature, after grouping the infrequent
 * categories ({@code min_frequency}, {@code max_categories}) into one and removing the dropped one
 * ({@code drop}); an unknown category is an error, all zeros ({@code handle_unknown='ignore'}) or
 * the infrequent column ({@code 'infrequent_if_exist'}). Sparse output is produced dense: the
 * values are the same.
 */
final class OneHotEncoder implements Transformer {
    private final Categories categories;
    private final boolean tolerateUnknown;
    private final boolean unknownIsInfrequent;
    /** Per feature, the code unknown values take before grouping (first infrequent category), or -1. */
    private final int[] firstInfrequent;
    /** Per feature, category code → grouped code, or null when nothing is grouped. */
    private final long[][] grouping;
    /** Grouped code dropped per feature, or -1. */
    private final int[] dropped;
    private final int[] widths;

    OneHotEncoder(EstimatorState s) {
        this.categories = new Categories(s);
        String handle = s.string("handle_unknown", "error");
        if (!List.of("error", "ignore", "infrequent_if_exist").contains(handle)) {
            throw s.unsupported("handle_unknown='" + handle + "'");
        }
        this.tolerateUnknown = !handle.equals("error");
        this.unknownIsInfrequent = handle.equals("infrequent_if_exist");
        int features = categories.features();
        this.firstInfrequent = new int[features];
        this.grouping = new long[features][];
        Arrays.fill(firstInfrequent, -1);
        if (s.bool("_infrequent_enabled", false)) {
            List<?> infrequent = s.list("_infrequent_indices");
            List<?> mappings = s.list("_default_to_infrequent_mappings");
            if (infrequent.size() != features || mappings.size() != features) {
                throw s.invalid("_infrequent_indices", "does not have one entry per feature");
            }
            for (int f = 0; f < features; f++) {
                if (infrequent.get(f) instanceof NdArray idx && idx.size() > 0 && mappings.get(f) instanceof NdArray map) {
                    firstInfrequent[f] = (int) idx.longs()[0];
                    grouping[f] = map.longs();
                    if (grouping[f].length != categories.size(f)) {
                        throw s.invalid("_default_to_infrequent_mappings", "does not map every category of feature " + f);
                    }
                }
            }
        }
        this.dropped = new int[features];
        Arrays.fill(dropped, -1);
        Object[] drop = s.optionalArray("drop_idx_").map(NdArray::elements).orElse(null);
        if (drop != null && drop.length != features) {
            throw s.invalid("drop_idx_", "does not have one entry per feature");
        }
        this.widths = new int[features];
        for (int f = 0; f < features; f++) {
            if (drop != null && drop[f] != null) {
                if (!(drop[f] instanceof Long d) || d < 0 || d >= categories.size(f)) {
                    throw s.invalid("drop_idx_", "holds " + drop[f] + " for feature " + f);
                }
                dropped[f] = d.intValue();
            }
            int grouped = grouping[f] == null ? categories.size(f) : (int) Arrays.stream(grouping[f]).max().orElse(-1) + 1;
            widths[f] = grouped - (dropped[f] >= 0 ? 1 : 0);
        }
    }

    @Override
    public String name() {
        return "OneHotEncoder";
    }

    @Override
    public Table transform(Table x) {
        int[][] codes = categories.encode(x, tolerateUnknown);
        int n = x.rows();
        int width = Arrays.stream(widths).sum();
        double[][] out = new double[width][n];
        int base = 0;
        for (int f = 0; f < codes.length; f++) {
            for (int i = 0; i < n; i++) {
                int c = codes[f][i];
                if (c == Categories.UNKNOWN) {
                    if (!unknownIsInfrequent || firstInfrequent[f] < 0) {
                        continue;
                    }
                    c = firstInfrequent[f];
                }
                if (grouping[f] != null) {
                    c = (int) grouping[f][c];
                }
                if (c == dropped[f]) {
                    continue;
                }
                out[base + (dropped[f] >= 0 && c > dropped[f] ? c - 1 : c)][i] = 1.0;
            }
            base += widths[f];
        }
        return Table.ofDoubles(out, n);
    }
}
