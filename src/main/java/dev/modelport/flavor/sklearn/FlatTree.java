package dev.modelport.flavor.sklearn;

import dev.modelport.ModelportException;
import dev.modelport.flavor.sklearn.pickle.NdArray;
import dev.modelport.flavor.sklearn.pickle.PyObject;
import dev.modelport.flavor.sklearn.pickle.PyTuple;
import java.util.List;

/**
 * A fitted {@code sklearn.tree._tree.Tree} as parallel primitive arrays: node {@code i} goes left
 * when {@code x[feature[i]] <= threshold[i]}, and a leaf ({@code left[i] == -1}) holds
 * {@code nOutputs * stride} values starting at {@code i * nOutputs * stride}.
 */
final class FlatTree {
    final int[] left;
    final int[] right;
    final int[] feature;
    final double[] threshold;
    final double[] values;
    final int nOutputs;
    /** Values per output (max number of classes; 1 for regression). */
    final int stride;
    final int nFeatures;

    private FlatTree(int[] left, int[] right, int[] feature, double[] threshold, double[] values, int nOutputs, int stride,
            int nFeatures) {
        this.left = left;
        this.right = right;
        this.feature = feature;
        this.threshold = threshold;
        this.values = values;
        this.nOutputs = nOutputs;
        this.stride = stride;
        this.nFeatures = nFeatures;
    }

    /** Compiles the pickled Tree: REDUCE'd with (n_features, n_classes, n_outputs), state {nodes, values, node_count}. */
    static FlatTree of(Object pickled) {
        if (!(pickled instanceof PyObject tree) || !tree.className().equals("sklearn.tree._tree.Tree")) {
            throw ModelportException.badModel("tree_ is not a sklearn.tree._tree.Tree");
        }
        List<Object> args = tree.args();
        if (args.size() < 3 || !(args.get(0) instanceof Long nFeatures) || !(args.get(2) instanceof Long nOutputs)) {
            throw ModelportException.badModel("sklearn Tree was pickled without (n_features, n_classes, n_outputs)");
        }
        if (!(tree.state().get("nodes") instanceof NdArray nodes) || !(tree.state().get("values") instanceof NdArray vals)
                || !(tree.state().get("node_count") instanceof Long count)) {
            Object raw = tree.rawState();
            throw ModelportException.badModel("sklearn Tree state lacks nodes/values/node_count (got %s)",
                    raw instanceof PyTuple ? "a tuple" : raw == null ? "nothing" : raw.getClass().getSimpleName());
        }
        int n = count.intValue();
        if (nodes.size() != n || vals.ndim() != 3 || vals.dim(0) != n || vals.dim(1) != nOutputs) {
            throw ModelportException.badModel("sklearn Tree arrays disagree with node_count %d", n);
        }
        long[] l = nodes.fieldLongs("left_child");
        long[] r = nodes.fieldLongs("right_child");
        long[] f = nodes.fieldLongs("feature");
        double[] t = nodes.fieldDoubles("threshold");
        int[] left = new int[n];
        int[] right = new int[n];
        int[] feature = new int[n];
        for (int i = 0; i < n; i++) {
            boolean leaf = l[i] == -1;
            if (leaf != (r[i] == -1) || !leaf && (l[i] <= i || l[i] >= n || r[i] <= i || r[i] >= n || f[i] < 0 || f[i] >= nFeatures)) {
                throw ModelportException.badModel("sklearn Tree node %d is malformed", i);
            }
            left[i] = (int) l[i];
            right[i] = (int) r[i];
            feature[i] = leaf ? 0 : (int) f[i];
        }
        return new FlatTree(left, right, feature, t, vals.doubles(), nOutputs.intValue(), vals.dim(2), nFeatures.intValue());
    }

    /** The leaf that row {@code row} of column-major {@code x} falls into. */
    int leaf(double[][] x, int row) {
        int node = 0;
        while (left[node] != -1) {
            node = x[feature[node]][row] <= threshold[node] ? left[node] : right[node];
        }
        return node;
    }

    /** Offset in {@link #values} of a leaf's first value. */
    int valueOffset(int leaf) {
        return leaf * nOutputs * stride;
    }
}
