package dev.modelport.flavor.sklearn;

import dev.modelport.data.Column;
import dev.modelport.data.DoubleColumn;
import dev.modelport.data.Dtype;
import dev.modelport.flavor.sklearn.pickle.PyFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoubleUnaryOperator;

/**
 * FunctionTransformer whose {@code func} is None (identity) or one of a few numpy ufuncs, applied
 * value by value (a DataFrame keeps its column names, as a ufunc on a DataFrame does). The pickle
 * names the ufunc; any other function is refused by the unpickler, so no Python code is involved.
 */
final class FunctionTransformer implements Transformer {
    /** Where numpy's ufuncs are pickled from (numpy 1.x, numpy 2.x, or the public alias). */
    private static final List<String> MODULES = List.of("numpy.core._multiarray_umath.", "numpy._core._multiarray_umath.",
            "numpy.");
    private static final Map<String, DoubleUnaryOperator> UFUNCS = Map.ofEntries(
            Map.entry("log1p", Math::log1p),
            Map.entry("expm1", Math::expm1),
            Map.entry("exp", Math::exp),
            Map.entry("log", Math::log),
            Map.entry("log10", Math::log10),
            Map.entry("sqrt", Math::sqrt),
            Map.entry("cbrt", Math::cbrt),
            Map.entry("absolute", Math::abs),
            Map.entry("square", v -> v * v),
            Map.entry("negative", v -> -v),
            Map.entry("sin", Math::sin),
            Map.entry("cos", Math::cos),
            Map.entry("tanh", Math::tanh));

    private final InputCheck check;
    private final boolean validate;
    private final DoubleUnaryOperator function;

    FunctionTransformer(EstimatorState s) {
        this.check = InputCheck.of(s);
        this.validate = s.bool("validate", false);
        Object func = s.optional("func").orElse(null);
        if (func == null) {
            this.function = null;
        } else if (func instanceof PyFunction f && ufunc(f.name()) != null) {
            this.function = ufunc(f.name());
        } else {
            throw s.unsupported("func=" + func + " (only None and the numpy ufuncs " + new TreeSet<>(UFUNCS.keySet())
                    + " are supported)");
        }
        if (s.optional("kw_args").orElse(null) instanceof Map<?, ?> kw && !kw.isEmpty()) {
            throw s.unsupported("kw_args");
        }
    }

    /** The numpy ufunc a pickle names by {@code qualified} name, or null when it is none we apply. */
    static DoubleUnaryOperator ufunc(String qualified) {
        for (String module : MODULES) {
            if (qualified.startsWith(module) && qualified.indexOf('.', module.length()) < 0) {
                return UFUNCS.get(qualified.substring(module.length()));
            }
        }
        return null;
    }

    /** The globals a pickled FunctionTransformer may name as its func or inverse_func. */
    static Set<String> namedFunctions() {
        Set<String> out = new TreeSet<>();
        MODULES.forEach(m -> UFUNCS.keySet().forEach(f -> out.add(m + f)));
        return out;
    }

    @Override
    public String name() {
        return "FunctionTransformer";
    }

    @Override
    public Table transform(Table x) {
        if (validate) {
            double[][] cols = check.doubles(x, false, false);
            apply(cols);
            return Table.ofDoubles(cols, x.rows());
        }
        if (function == null) {
            return x;
        }
        double[][] cols = new double[x.width()][];
        for (int j = 0; j < cols.length; j++) {
            cols[j] = InputCheck.toDoubles(x.columns().get(j));
        }
        apply(cols);
        List<Column> out = new ArrayList<>();
        for (double[] c : cols) {
            out.add(new DoubleColumn(c, Dtype.FLOAT64));
        }
        return new Table(x.names(), out, x.rows());
    }

    private void apply(double[][] cols) {
        if (function == null) {
            return;
        }
        for (double[] c : cols) {
            for (int i = 0; i < c.length; i++) {
                c[i] = function.applyAsDouble(c[i]);
            }
        }
    }
}
