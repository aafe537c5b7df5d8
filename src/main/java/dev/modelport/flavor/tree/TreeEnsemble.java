package dev.modelport.flavor.tree;

import java.util.Arrays;

/**
 * Decision trees shared by the XGBoost, LightGBM and scikit-learn gradient-boosting evaluators:
 * built tree by tree ({@link #builder}), laid out flat for fast walks ({@link TreeLayout}), scored
 * by the kernel {@link KernelChoice} picks ({@link ShallowTrees}, or the walks of {@link TreeWalks}).
 * A node goes left when {@code x < threshold}; LightGBM's {@code x <= t} is stored as
 * {@code nextUp(t)}. Categorical splits hold their category set as a bitset; a category in the set
 * goes to the "in" child ({@code categoryInSetGoesLeft}), any other value, a negative one or one
 * beyond the set, to the other child. Finding a leaf allocates nothing. Immutable, so safe to share
 * between threads.
 */
public final class TreeEnsemble {
    /**
     * LightGBM's kZeroThreshold: the float literal {@code 1e-35f} widened to double
     * (1.0000000180025095e-35), below which a value counts as zero.
     */
    public static final double ZERO_THRESHOLD = 1e-35f;
    /**
     * Rows a block of {@link #sumLeaves}: their doubled features stay in L1 while one tree after the
     * other walks them, as in XGBoost's own predictor (commit 3ac6b35).
     */
    static final int BLOCK_ROWS = 64;
    /** Trees a block of {@link #sumLeaves}: enough that one row's side-by-side walks rarely wait for the last tree (commit 270fa35). */
    static final int BLOCK_TREES = 128;

    private final TreeLayout layout;
    private final TreeWalks walks;
    /** The trees laid out complete, when every one fits ShallowTrees ({@link KernelChoice#shallow}); else null. */
    private final ShallowTrees shallow;

    private TreeEnsemble(TreeLayout layout) {
        this.layout = layout;
        this.walks = new TreeWalks(layout, KernelChoice.byTree(layout));
        this.shallow = KernelChoice.shallow(layout) ? layout.shallowTrees() : null;
    }

    public int treeCount() {
        return layout.treeCount();
    }

    /** The largest feature index any split reads, -1 when there are no splits. */
    public int maxFeature() {
        return layout.maxFeature;
    }

    /** The value of the leaf numbered {@code node} by the builder, as {@link #leaf} returns it. */
    public double leafValue(int node) {
        return layout.builtLeafValue[node];
    }

    /** The leaf tree {@code tree} reaches for {@code row[offset..]}, by the builder's (global) node numbering. */
    public int leaf(int tree, double[] row, int offset) {
        return layout.leafId[walks.walk(tree, row, offset)];
    }

    /**
     * As {@link #addLeafValues(FeatureMatrix, int, double[])}, for features given column by column
     * ({@code columns[j][r]}, as scikit-learn's input checks hand them over): shallow trees read them as
     * they are ({@link ShallowTrees}) unless a NaN is among them, the others row by row.
     */
    public void addLeafValues(double[][] columns, int rows, int classes, double[] scores) {
        if (KernelChoice.columnsAsTheyAre(shallow, columns, rows)) {
            shallow.addLeafValues(columns, rows, classes, scores);
        } else {
            addLeafValues(FeatureMatrix.fromColumns(columns, rows), classes, scores);
        }
    }

    /** Whether {@link #addLeafValues(double[][], int, int, double[])} reads NaN-free columns as they are. */
    boolean scoresColumnsAsTheyAre() {
        return shallow != null;
    }

    /**
     * Adds the leaf value of every tree t to {@code scores[r * classes + t % classes]} for every row r
     * of {@code x}, each sum in tree order (LightGBM's and scikit-learn's double sums), in blocks of
     * rows tree by tree.
     */
    public void addLeafValues(FeatureMatrix x, int classes, double[] scores) {
        sumLeaves(x, treeCount(), (leaves, start, end, from, to) -> {
            int n = end - start;
            for (int r = start; r < end; r++) {
                // one sum per class in a local, not a chain of stores and loads through scores
                for (int k = 0; k < classes; k++) {
                    double score = scores[r * classes + k];
                    for (int at = Math.floorMod(k - from, classes) * n + r - start; at < (to - from) * n; at += classes * n) {
                        score += leaves[at];
                    }
                    scores[r * classes + k] = score;
                }
            }
        });
    }

    /**
     * Hands {@code sums} the leaf values of trees {@code [0, toTree)} for the rows of {@code x}, block by
     * block ({@link LeafSums#add}), for a caller that sums them its own way: blocks of
     * {@link #BLOCK_ROWS} rows, each through {@link #BLOCK_TREES} trees at a time.
     */
    public void sumLeaves(FeatureMatrix x, int toTree, LeafSums sums) {
        if (toTree < 0 || toTree > treeCount()) {
            throw new IllegalArgumentException("trees 0.." + toTree + " outside an ensemble of " + treeCount());
        }
        int rows = x.rows();
        double[] leaves = new double[Math.min(rows, BLOCK_ROWS) * BLOCK_TREES];
        RowBlock block = new RowBlock(x, BLOCK_ROWS);
        for (int start = 0; start < rows; start += BLOCK_ROWS) {
            int end = Math.min(rows, start + BLOCK_ROWS);
            block.select(start, end);
            for (int from = 0; from < toTree; from += BLOCK_TREES) {
                int to = Math.min(toTree, from + BLOCK_TREES);
                walks.leafValues(block, from, to, leaves);
                sums.add(leaves, start, end, from, to);
            }
        }
    }

    /** The leaf values of trees {@code [fromTree, toTree)} for the rows of {@code block}, as {@link #sumLeaves} hands them on. */
    void leafValues(RowBlock block, int fromTree, int toTree, double[] out) {
        walks.leafValues(block, fromTree, toTree, out);
    }

    public static Builder builder(boolean categoryInSetGoesLeft) {
        return new Builder(categoryInSetGoesLeft);
    }

    /**
     * Adds trees one at a time; child indices given to it are relative to the tree's first node. What it
     * gathers, {@link TreeLayout} lays out.
     */
    public static final class Builder {
        final boolean categoryInSetGoesLeft;
        int[] roots = new int[16];
        int treeCount;
        int nodeCount;
        private int treeBase;
        private int treeSize;
        int[] feature = new int[64];
        double[] threshold = new double[64];
        int[] left = new int[64];
        int[] right = new int[64];
        boolean[] defaultLeft = new boolean[64];
        boolean[] categorical = new boolean[64];
        byte[] missing = new byte[64];
        double[] leafValue = new double[64];
        int[] catStart = new int[64];
        int[] catWords = new int[64];
        long[] catBits = new long[16];
        int catBitCount;

        private Builder(boolean categoryInSetGoesLeft) {
            this.categoryInSetGoesLeft = categoryInSetGoesLeft;
        }

        /** Starts a tree of {@code nodes} nodes (node 0 is its root), every node a leaf of value 0 until set. */
        public Builder tree(int nodes) {
            if (nodes <= 0) {
                throw new IllegalArgumentException("a tree needs at least one node, got " + nodes);
            }
            if (treeCount == roots.length) {
                roots = Arrays.copyOf(roots, treeCount * 2);
            }
            treeBase = nodeCount;
            treeSize = nodes;
            roots[treeCount++] = treeBase;
            int needed = Math.addExact(nodeCount, nodes);
            if (needed > feature.length) {
                int capacity = Math.max(needed, feature.length * 2);
                feature = Arrays.copyOf(feature, capacity);
                threshold = Arrays.copyOf(threshold, capacity);
                left = Arrays.copyOf(left, capacity);
                right = Arrays.copyOf(right, capacity);
                defaultLeft = Arrays.copyOf(defaultLeft, capacity);
                categorical = Arrays.copyOf(categorical, capacity);
                missing = Arrays.copyOf(missing, capacity);
                leafValue = Arrays.copyOf(leafValue, capacity);
                catStart = Arrays.copyOf(catStart, capacity);
                catWords = Arrays.copyOf(catWords, capacity);
            }
            for (int i = nodeCount; i < needed; i++) {
                left[i] = -1;
                right[i] = -1;
                leafValue[i] = 0;
                feature[i] = 0;
                categorical[i] = false;
                catWords[i] = 0;
            }
            nodeCount = needed;
            return this;
        }

        public Builder leaf(int node, double value) {
            int i = index(node);
            left[i] = -1;
            right[i] = -1;
            categorical[i] = false;
            leafValue[i] = value;
            return this;
        }

        /** A numeric split: {@code x < threshold} goes left. */
        public Builder split(int node, int featureIndex, double threshold, int leftChild, int rightChild,
                boolean defaultLeft, MissingType missing) {
            int i = index(node);
            setSplit(i, featureIndex, leftChild, rightChild, defaultLeft, missing);
            this.threshold[i] = threshold;
            categorical[i] = false;
            return this;
        }

        /** A categorical split over the categories set in {@code bits} (bit c of word c/64). */
        public Builder categoricalSplit(int node, int featureIndex, long[] bits, int leftChild, int rightChild,
                boolean defaultLeft, MissingType missing) {
            int i = index(node);
            setSplit(i, featureIndex, leftChild, rightChild, defaultLeft, missing);
            categorical[i] = true;
            if (catBitCount + bits.length > catBits.length) {
                catBits = Arrays.copyOf(catBits, Math.max(catBitCount + bits.length, catBits.length * 2));
            }
            System.arraycopy(bits, 0, catBits, catBitCount, bits.length);
            catStart[i] = catBitCount;
            catWords[i] = bits.length;
            catBitCount += bits.length;
            return this;
        }

        private void setSplit(int i, int featureIndex, int leftChild, int rightChild, boolean defaultLeft, MissingType missing) {
            if (featureIndex < 0 || featureIndex > TreeLayout.MAX_FEATURE) {
                throw new IllegalArgumentException("feature index " + featureIndex + " outside 0.." + TreeLayout.MAX_FEATURE);
            }
            feature[i] = featureIndex;
            left[i] = treeBase + child(leftChild);
            right[i] = treeBase + child(rightChild);
            this.defaultLeft[i] = defaultLeft;
            this.missing[i] = (byte) missing.ordinal();
        }

        private int index(int node) {
            if (node < 0 || node >= treeSize) {
                throw new IllegalArgumentException("node " + node + " outside a tree of " + treeSize + " nodes");
            }
            return treeBase + node;
        }

        private int child(int node) {
            if (node <= 0 || node >= treeSize) {
                throw new IllegalArgumentException("child " + node + " outside a tree of " + treeSize + " nodes");
            }
            return node;
        }

        /** Builds the ensemble, refusing a tree that reaches a node twice (a cycle or a shared subtree). */
        public TreeEnsemble build() {
            checkAcyclic();
            return new TreeEnsemble(new TreeLayout(this));
        }

        private void checkAcyclic() {
            int[] stack = new int[64];
            boolean[] seen = new boolean[nodeCount];
            for (int t = 0; t < treeCount; t++) {
                int size = 0;
                stack[size++] = roots[t];
                while (size > 0) {
                    int node = stack[--size];
                    if (seen[node]) {
                        throw new IllegalArgumentException("tree " + t + " reaches node " + (node - roots[t]) + " twice");
                    }
                    seen[node] = true;
                    if (left[node] >= 0) {
                        if (size + 2 > stack.length) {
                            stack = Arrays.copyOf(stack, stack.length * 2);
                        }
                        stack[size++] = left[node];
                        stack[size++] = right[node];
                    }
                }
            }
        }
    }
}
