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
 * The fitted {@code categories_} of an encoder (OneHotEncoder, OrdinalEncoder) and scikit-learn's
 * {@code _BaseEncoder._transform}: each value's index in its feature's categories, or
 * {@link #UNKNOWN}, or the error an unknown category raises.
 */
final class Categories {
    static final int UNKNOWN = -1;
    private static final Object NONE = new Object();

    private final InputCheck check;
    private final List<Map<Object, Integer>> lookup = new ArrayList<>();
    private final int[] sizes;

    Categories(EstimatorState s) {
        List<?> categories = s.list("categories_");
        this.check = InputCheck.of(s, categories.size());
        this.sizes = new int[categories.size()];
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
        }
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

    int features() {
        return sizes.length;
    }

    /** The number of categories of feature {@code f}. */
    int size(int f) {
        return sizes[f];
    }

    /**
     * Feature-major codes {@code [feature][row]}; an unknown value is {@link #UNKNOWN} when
     * {@code tolerateUnknown}, else the error scikit-learn raises.
     */
    int[][] encode(Table x, boolean tolerateUnknown) {
        check.checkNames(x);
        check.checkFeatureCount(x.width());
        if (x.rows() == 0) {
            throw new IllegalArgumentException("Found array with 0 sample(s) (shape=(0,)) while a minimum of 1 is required.");
        }
        int n = x.rows();
        int[][] codes = new int[sizes.length][n];
        for (int f = 0; f < sizes.length; f++) {
            Column column = x.columns().get(f);
            Map<Object, Integer> map = lookup.get(f);
            TreeSet<String> unknown = new TreeSet<>();
            for (int i = 0; i < n; i++) {
                Object v = column instanceof DoubleColumn d ? (Object) d.values()[i] : column.get(i);
                Integer c = map.get(key(v));
                if (c == null && !tolerateUnknown) {
                    unknown.add(InputCheck.pyReprValue(v));
                }
                codes[f][i] = c == null ? UNKNOWN : c;
            }
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("Found unknown categories [" + String.join(", ", unknown) + "] in column " + f
                        + " during transform");
            }
        }
        return codes;
    }
}
