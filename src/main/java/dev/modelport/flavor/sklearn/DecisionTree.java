package dev.modelport.flavor.sklearn;

import dev.modelport.data.Tensor;

/**
 * DecisionTreeClassifier / DecisionTreeRegressor (and the ExtraTree ones): one {@link FlatTree},
 * inputs validated as float32 like scikit-learn's trees do.
 */
final class DecisionTree implements Estimator {
    private final String name;
    private final InputCheck check;
    final FlatTree tree;
    /** Null for a regressor. */
    private final ClassLabels classes;
    private final int nClasses;

    private DecisionTree(EstimatorState s, ClassLabels classes, int nClasses) {
        this.name = s.shortName();
        this.tree = FlatTree.of(s.get("tree_"));
        this.check = new InputCheck(name, s.nFeaturesIn() >= 0 ? s.nFeaturesIn() : tree.nFeatures, s.featureNamesIn().orElse(null));
        this.classes = classes;
        this.nClasses = nClasses;
    }

    static DecisionTree regressor(EstimatorState s) {
        return new DecisionTree(s, null, 1);
    }

    static DecisionTree classifier(EstimatorState s) {
        if (s.integer("n_outputs_") != 1) {
            throw s.unsupported("several outputs");
        }
        ClassLabels classes = ClassLabels.of(s.array("classes_"));
        DecisionTree t = new DecisionTree(s, classes, classes.size());
        if (t.tree.stride < classes.size()) {
            throw s.invalid("tree_", "has fewer values than classes");
        }
        return t;
    }

    @Override
    public String name() {
        return name;
    }

    double[][] validate(Table x) {
        return check.doubles(x, true, false);
    }

    @Override
    public Tensor predict(Table x) {
        double[][] cols = validate(x);
        int n = x.rows();
        if (classes == null) {
            return regress(cols, n);
        }
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = Activations.argmax(tree.values, tree.valueOffset(tree.leaf(cols, i)), nClasses);
        }
        return classes.take(idx);
    }

    private Tensor regress(double[][] cols, int n) {
        int k = tree.nOutputs;
        double[] out = new double[n * k];
        for (int i = 0; i < n; i++) {
            int o = tree.valueOffset(tree.leaf(cols, i));
            for (int t = 0; t < k; t++) {
                out[i * k + t] = tree.values[o + t * tree.stride];
            }
        }
        return k == 1 ? Activations.vector(out) : Activations.matrix(out, n, k);
    }

    /** Normalised class probabilities of each row, row-major (n, nClasses), added into {@code out}. */
    void addProba(double[][] cols, int n, double[] out) {
        for (int i = 0; i < n; i++) {
            int o = tree.valueOffset(tree.leaf(cols, i));
            double sum = 0;
            for (int c = 0; c < nClasses; c++) {
                sum += tree.values[o + c];
            }
            if (sum == 0) {
                sum = 1;
            }
            for (int c = 0; c < nClasses; c++) {
                out[i * nClasses + c] += tree.values[o + c] / sum;
            }
        }
    }

    /** Regression values of each row, row-major (n, nOutputs), added into {@code out}. */
    void addValues(double[][] cols, int n, double[] out) {
        int k = tree.nOutputs;
        for (int i = 0; i < n; i++) {
            int o = tree.valueOffset(tree.leaf(cols, i));
            for (int t = 0; t < k; t++) {
                out[i * k + t] += tree.values[o + t * tree.stride];
            }
        }
    }

    int nClasses() {
        return nClasses;
    }

    @Override
    public Tensor predictProba(Table x) {
        if (classes == null) {
            throw missing("predict_proba");
        }
        double[][] cols = validate(x);
        int n = x.rows();
        double[] out = new double[n * nClasses];
        addProba(cols, n, out);
        return Activations.matrix(out, n, nClasses);
    }
}
