package dev.modelport.flavor.tree;

import java.util.Arrays;

/**
 * Decision trees as flat parallel primitive arrays, shared by the XGBoost and LightGBM flavors.
 * A node goes left when {@code x < threshold}; LightGBM's {@code x <= t} is stored as
 * {@code nextUp(t)}. Categorical splits hold their category set as a bitset; a category in the
 * set goes to the "in" child ({@link #categoryInSetGoesLeft}), any other value, a negative one
 * or one beyond the set, to the other child. Finding a leaf allocates nothing. Immutable, so
 * safe to share between threads.
 *
 * <p>The walk reads each node from {@link #packed}, three longs side by side (threshold; left child
 * and feature; right child and flags), so a node costs one cache line instead of one per array: a
 * batch visits every node of a large ensemble, more than the cache holds.
 */
public final class TreeEnsemble {
    private static final byte DEFAULT_LEFT = 1;
    private static final byte CATEGORICAL = 2;
    private static final byte MISSING_ZERO = 4;
    private static final byte MISSING_NAN = 8;
    /**
     * LightGBM's kZeroThreshold: the float literal {@code 1e-35f} widened to double
     * (1.0000000180025095e-35), below which a value counts as zero.
     */
    public static final double ZERO_THRESHOLD = 1e-35f;

    private final int[] roots;
    private final int[] feature;
    private final double[] threshold;
    private final int[] left;
    private final int[] right;
    private final byte[] flags;
    private final double[] leafValue;
    private final int[] catStart;
    private final int[] catWords;
    private final long[] catBits;
    private final boolean categoryInSetGoesLeft;
    private final int maxFeature;
    private final long[] packed;

    private TreeEnsemble(Builder b) {
        this.roots = Arrays.copyOf(b.roots, b.treeCount);
        this.feature = Arrays.copyOf(b.feature, b.nodeCount);
        this.threshold = Arrays.copyOf(b.threshold, b.nodeCount);
        this.left = Arrays.copyOf(b.left, b.nodeCount);
        this.right = Arrays.copyOf(b.right, b.nodeCount);
        this.flags = Arrays.copyOf(b.flags, b.nodeCount);
        this.leafValue = Arrays.copyOf(b.leafValue, b.nodeCount);
        this.catStart = Arrays.copyOf(b.catStart, b.nodeCount);
        this.catWords = Arrays.copyOf(b.catWords, b.nodeCount);
        this.catBits = Arrays.copyOf(b.catBits, b.catBitCount);
        this.categoryInSetGoesLeft = b.categoryInSetGoesLeft;
        int max = -1;
        for (int i = 0; i < feature.length; i++) {
            if (left[i] >= 0) {
                max = Math.max(max, feature[i]);
            }
        }
        this.maxFeature = max;
        this.packed = new long[feature.length * 3];
        for (int i = 0; i < feature.length; i++) {
            packed[3 * i] = Double.doubleToRawLongBits(threshold[i]);
            packed[3 * i + 1] = ((long) left[i] << 32) | (feature[i] & 0xFFFF_FFFFL);
            packed[3 * i + 2] = ((long) right[i] << 32) | (flags[i] & 0xFF);
        }
    }

    public int treeCount() {
        return roots.length;
    }

    /** The largest feature index any split reads, -1 when there are no splits. */
    public int maxFeature() {
        return maxFeature;
    }

    /** The leaf value that tree {@code tree} reaches for the row at {@code row[offset..]}. */
    public double predict(int tree, double[] row, int offset) {
        return leafValue[leaf(tree, row, offset)];
    }

    /** The value of the leaf at global index {@code node}, as {@link #leaf} returns it. */
    public double leafValue(int node) {
        return leafValue[node];
    }

    /** The global index of the leaf node that tree {@code tree} reaches. */
    public int leaf(int tree, double[] row, int offset) {
        long[] nodes = packed;
        int node = roots[tree];
        while (true) {
            int base = 3 * node;
            long leftAndFeature = nodes[base + 1];
            int leftChild = (int) (leftAndFeature >> 32);
            if (leftChild < 0) {
                return node;
            }
            double x = row[offset + (int) leftAndFeature];
            long rightAndFlags = nodes[base + 2];
            int f = (int) rightAndFlags & 0xFF;
            if ((f & (CATEGORICAL | MISSING_ZERO)) != 0) {
                node = next(node, x);
            } else if (x != x) { // NaN: the default direction, or compared as 0.0 (next() does the same)
                node = (f & MISSING_NAN) != 0
                        ? ((f & DEFAULT_LEFT) != 0 ? leftChild : (int) (rightAndFlags >> 32))
                        : (0.0 < Double.longBitsToDouble(nodes[base]) ? leftChild : (int) (rightAndFlags >> 32));
            } else {
                node = x < Double.longBitsToDouble(nodes[base]) ? leftChild : (int) (rightAndFlags >> 32);
            }
        }
    }

    private int next(int node, double x) {
        byte f = flags[node];
        boolean nan = Double.isNaN(x);
        if ((f & CATEGORICAL) != 0) {
            if (nan && (f & MISSING_NAN) != 0) {
                return (f & DEFAULT_LEFT) != 0 ? left[node] : right[node];
            }
            return inCategorySet(node, x) == categoryInSetGoesLeft ? left[node] : right[node];
        }
        if (nan) {
            if ((f & MISSING_NAN) != 0) {
                return (f & DEFAULT_LEFT) != 0 ? left[node] : right[node];
            }
            x = 0.0;
        }
        if ((f & MISSING_ZERO) != 0 && Math.abs(x) <= ZERO_THRESHOLD) {
            return (f & DEFAULT_LEFT) != 0 ? left[node] : right[node];
        }
        return x < threshold[node] ? left[node] : right[node];
    }

    private boolean inCategorySet(int node, double x) {
        if (!(x >= 0) || x >= 1 << 30) {
            return false;
        }
        int category = (int) x;
        int word = category >>> 6;
        return word < catWords[node] && (catBits[catStart[node] + word] & (1L << category)) != 0;
    }

    public static Builder builder(boolean categoryInSetGoesLeft) {
        return new Builder(categoryInSetGoesLeft);
    }

    /** Adds trees one at a time; child indices given to it are relative to the tree's first node. */
    public static final class Builder {
        private final boolean categoryInSetGoesLeft;
        private int[] roots = new int[16];
        private int treeCount;
        private int nodeCount;
        private int treeBase;
        private int treeSize;
        private int[] feature = new int[64];
        private double[] threshold = new double[64];
        private int[] left = new int[64];
        private int[] right = new int[64];
        private byte[] flags = new byte[64];
        private double[] leafValue = new double[64];
        private int[] catStart = new int[64];
        private int[] catWords = new int[64];
        private long[] catBits = new long[16];
        private int catBitCount;

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
            int needed = nodeCount + nodes;
            if (needed > feature.length) {
                int capacity = Math.max(needed, feature.length * 2);
                feature = Arrays.copyOf(feature, capacity);
                threshold = Arrays.copyOf(threshold, capacity);
                left = Arrays.copyOf(left, capacity);
                right = Arrays.copyOf(right, capacity);
                flags = Arrays.copyOf(flags, capacity);
                leafValue = Arrays.copyOf(leafValue, capacity);
                catStart = Arrays.copyOf(catStart, capacity);
                catWords = Arrays.copyOf(catWords, capacity);
            }
            for (int i = nodeCount; i < needed; i++) {
                left[i] = -1;
                right[i] = -1;
                leafValue[i] = 0;
                flags[i] = 0;
                feature[i] = 0;
                catWords[i] = 0;
            }
            nodeCount = needed;
            return this;
        }

        public Builder leaf(int node, double value) {
            int i = index(node);
            left[i] = -1;
            right[i] = -1;
            leafValue[i] = value;
            return this;
        }

        /** A numeric split: {@code x < threshold} goes left. */
        public Builder split(int node, int featureIndex, double threshold, int leftChild, int rightChild,
                boolean defaultLeft, MissingType missing) {
            int i = index(node);
            setSplit(i, featureIndex, leftChild, rightChild, defaultLeft, missing);
            this.threshold[i] = threshold;
            return this;
        }

        /** A categorical split over the categories set in {@code bits} (bit c of word c/64). */
        public Builder categoricalSplit(int node, int featureIndex, long[] bits, int leftChild, int rightChild,
                boolean defaultLeft, MissingType missing) {
            int i = index(node);
            setSplit(i, featureIndex, leftChild, rightChild, defaultLeft, missing);
            flags[i] |= CATEGORICAL;
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
            if (featureIndex < 0) {
                throw new IllegalArgumentException("negative feature index " + featureIndex);
            }
            feature[i] = featureIndex;
            left[i] = treeBase + child(leftChild);
            right[i] = treeBase + child(rightChild);
            flags[i] = (byte) ((defaultLeft ? DEFAULT_LEFT : 0)
                    | (missing == MissingType.ZERO ? MISSING_ZERO : 0)
                    | (missing == MissingType.NAN ? MISSING_NAN : 0));
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
            return new TreeEnsemble(this);
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
