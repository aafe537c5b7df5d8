package dev.modelport.flavor.sklearn;

import dev.modelport.data.DoubleColumn;
import dev.modelport.data.Tensor;
import dev.modelport.flavor.sklearn.pickle.PyObject;
import java.util.ArrayList;
import java.util.List;

/** What the meta-estimators share: their fitted members compiled in order, and members' answers as numbers. */
final class EnsembleMembers {
    private EnsembleMembers() {
    }

    /** The compiled estimators of a list attribute such as {@code estimators_}, in order. */
    static List<Estimator> compile(EstimatorState s, EstimatorCompiler compiler, String key) {
        List<Estimator> out = new ArrayList<>();
        for (Object o : s.list(key)) {
            if (!(o instanceof PyObject)) {
                throw s.invalid(key, "holds a non-estimator");
            }
            out.add(compiler.estimator(o));
        }
        if (out.isEmpty()) {
            throw s.invalid(key, "is empty");
        }
        return List.copyOf(out);
    }

    /** A member's output as float64 in C order (labels of a numeric kind as their values). */
    static double[] values(Tensor t) {
        if (t.values() instanceof DoubleColumn d) {
            return d.values();
        }
        return InputCheck.toDoubles(t.values());
    }
}
