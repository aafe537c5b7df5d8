package dev.modelport.flavor.sklearn;

import dev.modelport.data.Column;
import dev.modelport.data.DoubleColumn;
import dev.modelport.flavor.sklearn.pickle.NdArray;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * OneHotEncoder: one float column per category of each feature ({@code drop} honoured), an unknown
 * category either an error or all zeros ({@code handle_unknown='ignore'}). Sparse output is
 * produced dense: the values are the same.
 */
final class OneHotEncoder implements Transformer {
    private static final Object NONE = new Object();

    private final InputCheck check;
    private final List<Map<Object, Integer>> lookup = new ArrayList<>();
    private final int[] sizes;
    /** Category index dropped per feature, or -1. */
    private final int[] dropped;
    private final boolean ignoreUnknown;
    private final int width;

    OneHotEncoder(EstimatorState s) {
        this.check = InputCheck.of(s);
        String handle = s.string("handle_unknown", "error");
        if (!handle.equals("error") && !handle.equals("ignore")) {
            throw s.unsupported("handle_unknown='" + handle + "'");
        }
        this.ignoreUnknown = handle.equals("ignore");
        if (s.bool("_infrequent_enabled", false)) {
            throw s.unsupported("infrequent categories");
        }
        List<?> categories = s.list("categories_");
        this.sizes = new int[categories.size()];
        this.dropped = new int[categories.size()];
        java.util.Arrays.fill(dropped, -1);
        Object[] drop = s.optionalArray("drop_idx_").map(NdArray::elements).orElse(null);
        int total = 0;
        for (int f = 0; f < categories.size(); f++) {
            if (!(categories.get(f) instanceof NdArray cats)) {
                throw s.invalid("categories_", "holds a non-array");
            }
            Map<Object, Integer> map = new HashMap<>();
            Object[] values = cats.elements();
            for (int c = 0; c < values.length; c++) {
                map.putIfAbsent(key(values[c]), c);
            }
            lookup.add(map);
            sizes[f] = values.length;
            if (drop != null && drop[f] != null) {
                dropped[f] = ((Number) drop[f]).intValue();
            }
            total += values.length - (dropped[f] >= 0 ? 1 : 0);
        }
        this.width = total;
    }

    /** numpy equality of a category value: numbers by value, strings by text, None and NaN apart. */
    private static Object key(Object v) {
        return switch (v) {
            case null -> NONE;
            case Long l -> (double) l;
            case Integer i -> (double) i;
            case Boolean b -> b ? 1.0 : 0.0;
            case Float f -> (double) f;
            default -> v;
        };
    }

    @Override
    public String name() {
        return "OneHotEncoder";
    }

    @Override
    public Table transform(Table x) {
        check.checkNames(x);
        check.checkFeatureCount(x.width());
        if (x.rows() == 0) {
            throw new IllegalArgumentException("Found array with 0 sample(s) (shape=(0,)) while a minimum of 1 is required.");
        }
        int n = x.rows();
        double[][] out = new double[width][n];
        int base = 0;
        for (int f = 0; f < sizes.length; f++) {
            Column column = x.columns().get(f);
            Map<Object, Integer> map = lookup.get(f);
            TreeSet<String> unknown = new TreeSet<>();
            for (int i = 0; i < n; i++) {
                Object v = column instanceof DoubleColumn d ? (Object) d.values()[i] : column.get(i);
                Integer c = map.get(key(v));
                if (c == null) {
                    if (!ignoreUnknown) {
                        unknown.add(InputCheck.pyReprValue(v));
                    }
                    continue;
                }
                if (c == dropped[f]) {
                    continue;
                }
                out[base + (dropped[f] >= 0 && c > dropped[f] ? c - 1 : c)][i] = 1.0;
            }
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("Found unknown categories [" + String.join(", ", unknown) + "] in column " + f
                        + " during transform");
            }
            base += sizes[f] - (dropped[f] >= 0 ? 1 : 0);
        }
        return Table.ofDoubles(out, n);
    }
}
