package dev.modelport.flavor.sklearn;

import dev.modelport.data.Tensor;
import dev.modelport.flavor.sklearn.pickle.PyObject;
import java.util.ArrayList;
import java.util.List;

/** RandomForest / ExtraTrees classifier and regressor: the mean of their trees, added in tree order. */
final class Forest implements Estimator {
    private final String name;
    private final InputCheck check;
    private final List<DecisionTree> trees;
    private final ClassLabels classes;
    private final int nClasses;
    private final int nOutputs;

    private Forest(EstimatorState s, boolean classifier) {
        this.name = s.shortName();
        this.check = InputCheck.of(s);
        List<DecisionTree> compiled = new ArrayList<>();
        for (Object o : s.list("estimators_")) {
            if (!(o instanceof PyObject p)) {
                throw s.invalid("estimators_", "holds a non-estimator");
            }
            EstimatorState t = new EstimatorState(p);
            compiled.add(classifier ? DecisionTree.classifier(t) : DecisionTree.regressor(t));
        }
        if (compiled.isEmpty()) {
            throw s.invalid("estimators_", "is empty");
        }
        this.trees = List.copyOf(compiled);
        if (classifier) {
            if (s.integer("n_outputs_") != 1) {
                throw s.unsupported("several outputs");
            }
            this.classes = ClassLabels.of(s.array("classes_"));
            this.nClasses = classes.size();
            for (DecisionTree t : trees) {
                if (t.nClasses() != nClasses) {
                    throw s.invalid("estimators_", "has a tree with another number of classes");
                }
            }
            this.nOutputs = 1;
        } else {
            this.classes = null;
            this.nClasses = 0;
            this.nOutputs = trees.get(0).tree.nOutputs;
        }
    }

    static Forest classifier(EstimatorState s) {
        return new Forest(s, true);
    }

    static Forest regressor(EstimatorState s) {
        return new Forest(s, false);
    }

    @Override
    public String name() {
        return name;
    }

    private double[] proba(double[][] cols, int n) {
        double[] out = new double[n * nClasses];
        for (DecisionTree t : trees) {
            t.addProba(cols, n, out);
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= trees.size();
        }
        return out;
    }

    @Override
    public Tensor predict(Table x) {
        double[][] cols = check.doubles(x, true, false);
        int n = x.rows();
        if (classes == null) {
            double[] out = new double[n * nOutputs];
            for (DecisionTree t : trees) {
                t.addValues(cols, n, out);
            }
            for (int i = 0; i < out.length; i++) {
                out[i] /= trees.size();
            }
            return nOutputs == 1 ? Activations.vector(out) : Activations.matrix(out, n, nOutputs);
        }
        return classes.take(Activations.argmaxRows(proba(cols, n), n, nClasses));
    }

    @Override
    public Tensor predictProba(Table x) {
        if (classes == null) {
            throw missing("predict_proba");
        }
        double[][] cols = check.doubles(x, true, false);
        return Activations.matrix(proba(cols, x.rows()), x.rows(), nClasses);
    }
}
