package dev.modelport.flavor.lightgbm;

import java.util.Arrays;

/**
 * The leaf models of LightGBM's linear trees ({@code linear_tree=true}), by the global leaf index
 * of the tree ensemble: a leaf predicts {@code constant + sum(coeff * x)} over its features, or
 * its plain leaf value when one of them is NaN. Trees that are not linear have none.
 */
final class LinearLeaves {
    private final boolean[] linearTree;
    private final double[] constant;
    private final int[] start;
    private final int[] count;
    private final int[] feature;
    private final double[] coeff;

    private LinearLeaves(Builder b) {
        this.linearTree = Arrays.copyOf(b.linearTree, b.trees);
        this.constant = Arrays.copyOf(b.constant, b.nodes);
        this.start = Arrays.copyOf(b.start, b.nodes);
        this.count = Arrays.copyOf(b.count, b.nodes);
        this.feature = Arrays.copyOf(b.feature, b.terms);
        this.coeff = Arrays.copyOf(b.coeff, b.terms);
    }

    boolean isLinear(int tree) {
        return linearTree[tree];
    }

    /** Whether no tree has leaf models. */
    boolean isEmpty() {
        for (boolean linear : linearTree) {
            if (linear) {
                return false;
            }
        }
        return true;
    }

    /** The largest feature index a leaf model reads, -1 when there is none. */
    int maxFeature() {
        return Arrays.stream(feature).max().orElse(-1);
    }

    /** What the linear leaf at {@code node} predicts for the row at {@code row[offset..]}. */
    double predict(int node, double leafValue, double[] row, int offset) {
        double out = constant[node];
        for (int i = start[node], end = start[node] + count[node]; i < end; i++) {
            double x = row[offset + feature[i]];
            if (Double.isNaN(x)) {
                return leafValue;
            }
            out += coeff[i] * x;
        }
        return out;
    }

    /** Collects the leaf models tree by tree, in the node numbering of the tree ensemble being built alongside. */
    static final class Builder {
        private boolean[] linearTree = new boolean[16];
        private int trees;
        private int nodes;
        private double[] constant = new double[64];
        private int[] start = new int[64];
        private int[] count = new int[64];
        private int[] feature = new int[64];
        private double[] coeff = new double[64];
        private int terms;

        /** A tree of {@code size} nodes without leaf models. */
        void constantTree(int size) {
            addTree(false, size);
        }

        /** A tree of {@code size} nodes whose leaves start at {@code firstLeaf}; leaf j has the terms {@code features[j]}. */
        void linearTree(int size, int firstLeaf, double[] constants, int[][] features, double[][] coeffs) {
            int base = nodes;
            addTree(true, size);
            for (int j = 0; j < constants.length; j++) {
                int node = base + firstLeaf + j;
                constant[node] = constants[j];
                start[node] = terms;
                count[node] = features[j].length;
                if (terms + features[j].length > feature.length) {
                    int capacity = Math.max(terms + features[j].length, feature.length * 2);
                    feature = Arrays.copyOf(feature, capacity);
                    coeff = Arrays.copyOf(coeff, capacity);
                }
                System.arraycopy(features[j], 0, feature, terms, features[j].length);
                System.arraycopy(coeffs[j], 0, coeff, terms, coeffs[j].length);
                terms += features[j].length;
            }
        }

        private void addTree(boolean linear, int size) {
            if (trees == linearTree.length) {
                linearTree = Arrays.copyOf(linearTree, trees * 2);
            }
            linearTree[trees++] = linear;
            if (nodes + size > constant.length) {
                int capacity = Math.max(nodes + size, constant.length * 2);
                constant = Arrays.copyOf(constant, capacity);
                start = Arrays.copyOf(start, capacity);
                count = Arrays.copyOf(count, capacity);
            }
            nodes += size;
        }

        LinearLeaves build() {
            return new LinearLeaves(this);
        }
    }
}
