package dev.modelport.flavor.sklearn;

import dev.modelport.data.Column;
import dev.modelport.data.Dtype;
import dev.modelport.data.LongColumn;
import dev.modelport.data.Tensor;
import dev.modelport.flavor.sklearn.pickle.NdArray;
import dev.modelport.flavor.sklearn.pickle.PyObject;
import java.util.ArrayList;
import java.util.List;

/**
 * IsolationForest: {@code score_samples} is {@code -2^(-mean path length / c(max_samples_))}, a
 * path being the nodes from the root to the leaf plus {@code c(n_node_samples)} of the leaf, minus
 * one; {@code decision_function} subtracts {@code offset_}; {@code predict} is -1 below zero, else 1.
 * Each leaf's path length is computed once at load.
 */
final class IsolationForest implements Estimator {
    private static final double EULER_GAMMA = 0.5772156649015329;

    private final String name;
    private final InputCheck check;
    private final List<FlatTree> trees;
    private final List<double[]> pathLengths;
    private final int[][] features;
    private final boolean subsample;
    private final double denominator;
    private final double offset;

    IsolationForest(EstimatorState s) {
        this.name = s.shortName();
        this.check = InputCheck.of(s);
        List<?> estimators = s.list("estimators_");
        List<?> featureLists = s.list("estimators_features_");
        if (estimators.isEmpty() || featureLists.size() != estimators.size()) {
            throw s.invalid("estimators_features_", "does not hold one feature list per estimator");
        }
        this.trees = new ArrayList<>();
        this.pathLengths = new ArrayList<>();
        this.features = new int[estimators.size()][];
        for (int e = 0; e < estimators.size(); e++) {
            if (!(estimators.get(e) instanceof PyObject p) || !(featureLists.get(e) instanceof NdArray f)) {
                throw s.invalid("estimators_", "holds a non-estimator");
            }
            Object pickledTree = new EstimatorState(p).get("tree_");
            FlatTree tree = FlatTree.of(pickledTree);
            trees.add(tree);
            long[] samples = ((NdArray) ((PyObject) pickledTree).state().get("nodes")).fieldLongs("n_node_samples");
            pathLengths.add(pathLengths(tree, samples));
            long[] cols = f.longs();
            features[e] = new int[cols.length];
            for (int j = 0; j < cols.length; j++) {
                if (cols[j] < 0 || s.nFeaturesIn() >= 0 && cols[j] >= s.nFeaturesIn()) {
                    throw s.invalid("estimators_features_", "names feature " + cols[j] + " outside the input");
                }
                features[e][j] = (int) cols[j];
            }
        }
        this.subsample = s.integer("_max_features") != s.nFeaturesIn();
        this.denominator = estimators.size() * averagePathLength(s.number("max_samples_"));
        this.offset = s.number("offset_");
    }

    /** {@code _average_path_length} of one node size. */
    private static double averagePathLength(double n) {
        if (n <= 1) {
            return 0.0;
        }
        if (n == 2) {
            return 1.0;
        }
        return 2.0 * (Math.log(n - 1.0) + EULER_GAMMA) - 2.0 * (n - 1.0) / n;
    }

    /** Per leaf: nodes on its decision path + c(n_node_samples) - 1 (0 for inner nodes). */
    private static double[] pathLengths(FlatTree tree, long[] samples) {
        int n = tree.left.length;
        int[] depth = new int[n];
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            if (tree.left[i] != -1) {
                depth[tree.left[i]] = depth[i] + 1;
                depth[tree.right[i]] = depth[i] + 1;
            } else {
                out[i] = (double) (depth[i] + 1) + averagePathLength(samples[i]) - 1.0;
            }
        }
        return out;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Tensor scoreSamples(Table x) {
        double[][] cols = check.doubles(x, false, false);
        int n = x.rows();
        double[] depths = new double[n];
        for (int e = 0; e < trees.size(); e++) {
            double[][] subset = cols;
            if (subsample) {
                subset = new double[features[e].length][];
                for (int j = 0; j < subset.length; j++) {
                    subset[j] = cols[features[e][j]];
                }
            }
            double[][] rounded = new double[subset.length][];
            for (int j = 0; j < subset.length; j++) {
                rounded[j] = new double[n];
                for (int i = 0; i < n; i++) {
                    rounded[j][i] = (float) subset[j][i];
                }
            }
            FlatTree tree = trees.get(e);
            double[] lengths = pathLengths.get(e);
            for (int i = 0; i < n; i++) {
                depths[i] += lengths[tree.leaf(rounded, i)];
            }
        }
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            double ratio = denominator != 0 ? depths[i] / denominator : 1.0;
            scores[i] = -Math.pow(2, -ratio);
        }
        return Activations.vector(scores);
    }

    @Override
    public Tensor decisionFunction(Table x) {
        double[] scores = EnsembleMembers.values(scoreSamples(x));
        double[] out = new double[scores.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = scores[i] - offset;
        }
        return Activations.vector(out);
    }

    @Override
    public Tensor predict(Table x) {
        double[] decision = EnsembleMembers.values(decisionFunction(x));
        long[] out = new long[decision.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = decision[i] < 0 ? -1 : 1;
        }
        Column c = new LongColumn(out, Dtype.INT64);
        return Tensor.vector(c);
    }
}
