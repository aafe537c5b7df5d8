package dev.modelport.flavor.tree;

import java.util.Arrays;

/**
 * Decision trees laid out flat for fast walks, shared by the XGBoost, LightGBM and scikit-learn
 * histogram-boosting evaluators. A node goes left when {@code x < threshold}; LightGBM's
 * {@code x <= t} is stored as {@code nextUp(t)}. Categorical splits hold their category set as a
 * bitset; a category in the set goes to the "in" child ({@link #categoryInSetGoesLeft}), any other
 * value, a negative one or one beyond the set, to the other child. Finding a leaf allocates nothing.
 * Immutable, so safe to share between threads.
 *
 * <p>Each tree is stored breadth-first with a node's two children side by side, so a node is two
 * longs in {@link #nodes}: its threshold, then its left child, flags and feature; the right child
 * is left + 1 and a step is {@code left + (x >= threshold)}, without a branch to mispredict. Where a
 * NaN goes is fixed per node (the default child, or where 0.0 or "not in the set" goes), so a tree
 * without categorical or zero-as-missing splits ({@link #plain}) takes {@link #step}: a NaN bit picks
 * between {@code x >= t} (NaN left) and {@code !(x < t)} (NaN right). A leaf loops to itself with a
 * NaN threshold, so several walks of a plain tree can run side by side for its whole depth.
 */
public final class TreeEnsemble {
    /** Flags in the upper word of a node's second long, above the left child's index. */
    private static final int CHILD_MASK = (1 << 27) - 1;
    private static final int NAN_RIGHT_SHIFT = 27;
    private static final int NAN_RIGHT = 1 << NAN_RIGHT_SHIFT;
    private static final int DEFAULT_RIGHT = 1 << 28;
    private static final int CATEGORICAL = 1 << 29;
    private static final int ZERO_MISSING = 1 << 30;
    private static final int LEAF = 1 << 31;
    /** Walks run side by side: rows of a block through one tree, or trees for one row. */
    private static final int LANES = 4;
    /**
     * LightGBM's kZeroThreshold: the float literal {@code 1e-35f} widened to double
     * (1.0000000180025095e-35), below which a value counts as zero.
     */
    public static final double ZERO_THRESHOLD = 1e-35f;
    /** The block {@link #leafValues} is meant for: rows whose features stay in L1, trees whose leaf values do too. */
    public static final int BLOCK_ROWS = 64;
    public static final int BLOCK_TREES = 16;

    private final long[] nodes;
    /** By node: a leaf's value and its index as the builder numbered it. */
    private final double[] value;
    private final int[] leafId;
    private final int[] roots;
    private final int[] depth;
    private final boolean[] plain;
    private final long[] catBits;
    private final boolean categoryInSetGoesLeft;
    private final int maxFeature;
    /** Leaf values by the builder's node numbering, for {@link #leafValue}. */
    private final double[] builtLeafValue;

    private TreeEnsemble(Builder b) {
        int count = b.treeCount;
        this.roots = new int[count];
        this.depth = new int[count];
        this.plain = new boolean[count];
        this.catBits = Arrays.copyOf(b.catBits, b.catBitCount);
        this.categoryInSetGoesLeft = b.categoryInSetGoesLeft;
        this.builtLeafValue = Arrays.copyOf(b.leafValue, b.nodeCount);
        long[] laid = new long[2 * b.nodeCount];
        double[] values = new double[b.nodeCount];
        int[] ids = new int[b.nodeCount];
        int[] queue = new int[b.nodeCount];
        int[] position = new int[b.nodeCount];
        int[] level = new int[b.nodeCount];
        int next = 0;
        int max = -1;
        for (int t = 0; t < count; t++) {
            roots[t] = next;
            plain[t] = true;
            int head = 0;
            int tail = 0;
            queue[tail] = b.roots[t];
            position[tail] = next++;
            level[tail++] = 0;
            while (head < tail) {
                int o = queue[head];
                int p = position[head];
                int d = level[head++];
                if (b.left[o] < 0) {
                    laid[2 * p] = Double.doubleToRawLongBits(Double.NaN);
                    laid[2 * p + 1] = (long) (LEAF | p) << 32;
                    values[p] = b.leafValue[o];
                    ids[p] = o;
                    continue;
                }
                int left = next;
                next += 2;
                if (next > CHILD_MASK) {
                    throw new IllegalArgumentException("more than " + CHILD_MASK + " tree nodes");
                }
                queue[tail] = b.left[o];
                position[tail] = left;
                level[tail++] = d + 1;
                queue[tail] = b.right[o];
                position[tail] = left + 1;
                level[tail++] = d + 1;
                depth[t] = Math.max(depth[t], d + 1);
                max = Math.max(max, b.feature[o]);
                int flags = flags(b, o);
                plain[t] &= (flags & (CATEGORICAL | ZERO_MISSING)) == 0;
                laid[2 * p] = (flags & CATEGORICAL) != 0 ? (long) b.catStart[o] << 32 | b.catWords[o]
                        : Double.doubleToRawLongBits(b.threshold[o]);
                laid[2 * p + 1] = (long) (flags | left) << 32 | b.feature[o];
            }
        }
        this.nodes = Arrays.copyOf(laid, 2 * next);
        this.value = Arrays.copyOf(values, next);
        this.leafId = Arrays.copyOf(ids, next);
        this.maxFeature = max;
    }

    /** The flags of split {@code o}, with the side a NaN takes worked out once. */
    private static int flags(Builder b, int o) {
        int missing = b.missing[o];
        boolean categorical = b.categorical[o];
        boolean defaultLeft = b.defaultLeft[o];
        boolean nanRight;
        if (missing != MissingType.NONE.ordinal() && !(categorical && missing == MissingType.ZERO.ordinal())) {
            nanRight = !defaultLeft;
        } else if (categorical) {
            nanRight = b.categoryInSetGoesLeft; // NaN is in no set
        } else {
            nanRight = !(0.0 < b.threshold[o]); // compared as 0.0
        }
        return (nanRight ? NAN_RIGHT : 0) | (defaultLeft ? 0 : DEFAULT_RIGHT) | (categorical ? CATEGORICAL : 0)
                | (!categorical && missing == MissingType.ZERO.ordinal() ? ZERO_MISSING : 0);
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
        return value[walk(tree, row, offset)];
    }

    /** The value of the leaf numbered {@code node} by the builder, as {@link #leaf} returns it. */
    public double leafValue(int node) {
        return builtLeafValue[node];
    }

    /** The leaf that tree {@code tree} reaches, numbered as the builder numbered it (global index). */
    public int leaf(int tree, double[] row, int offset) {
        return leafId[walk(tree, row, offset)];
    }

    /**
     * The leaf values of trees {@code [fromTree, toTree)} for rows {@code [fromRow, toRow)} of a
     * row-major matrix of {@code columns} columns, tree by tree: {@code out[(t - fromTree) * rows + (r - fromRow)]}.
     * Several rows walk each tree side by side, or, for fewer rows than that, several trees each row.
     */
    public void leafValues(double[] values, int columns, int fromRow, int toRow, int fromTree, int toTree, double[] out) {
        int rows = toRow - fromRow;
        if (rows >= LANES) {
            for (int t = fromTree; t < toTree; t++) {
                rowsThroughTree(t, values, columns, fromRow, toRow, out, (t - fromTree) * rows);
            }
            return;
        }
        for (int r = fromRow; r < toRow; r++) {
            int offset = r * columns;
            int t = fromTree;
            for (; t + LANES <= toTree; t += LANES) {
                if (!(plain[t] && plain[t + 1] && plain[t + 2] && plain[t + 3])) {
                    break;
                }
                int d = Math.max(Math.max(depth[t], depth[t + 1]), Math.max(depth[t + 2], depth[t + 3]));
                int n0 = roots[t];
                int n1 = roots[t + 1];
                int n2 = roots[t + 2];
                int n3 = roots[t + 3];
                for (int i = 0; i < d; i++) {
                    n0 = step(nodes, n0, values, offset);
                    n1 = step(nodes, n1, values, offset);
                    n2 = step(nodes, n2, values, offset);
                    n3 = step(nodes, n3, values, offset);
                }
                int at = (t - fromTree) * rows + (r - fromRow);
                out[at] = value[n0];
                out[at + rows] = value[n1];
                out[at + 2 * rows] = value[n2];
                out[at + 3 * rows] = value[n3];
            }
            for (; t < toTree; t++) {
                out[(t - fromTree) * rows + (r - fromRow)] = value[walk(t, values, offset)];
            }
        }
    }

    private void rowsThroughTree(int t, double[] values, int columns, int fromRow, int toRow, double[] out, int at) {
        int r = fromRow;
        if (plain[t]) {
            int root = roots[t];
            int d = depth[t];
            long[] nodes = this.nodes;
            for (; r + LANES <= toRow; r += LANES) {
                int o0 = r * columns;
                int o1 = o0 + columns;
                int o2 = o1 + columns;
                int o3 = o2 + columns;
                int n0 = root;
                int n1 = root;
                int n2 = root;
                int n3 = root;
                for (int i = 0; i < d; i++) {
                    n0 = step(nodes, n0, values, o0);
                    n1 = step(nodes, n1, values, o1);
                    n2 = step(nodes, n2, values, o2);
                    n3 = step(nodes, n3, values, o3);
                }
                int k = at + r - fromRow;
                out[k] = value[n0];
                out[k + 1] = value[n1];
                out[k + 2] = value[n2];
                out[k + 3] = value[n3];
            }
        }
        for (; r < toRow; r++) {
            out[at + r - fromRow] = value[walk(t, values, r * columns)];
        }
    }

    /** One level down a plain tree; a leaf stays where it is. */
    private static int step(long[] nodes, int node, double[] row, int offset) {
        long meta = nodes[2 * node + 1];
        double x = row[offset + (int) meta];
        double t = Double.longBitsToDouble(nodes[2 * node]);
        int upper = (int) (meta >>> 32);
        return (upper & CHILD_MASK) + ((x >= t ? 1 : 0) | ((x < t ? 0 : 1) & (upper >>> NAN_RIGHT_SHIFT)));
    }

    private int walk(int tree, double[] row, int offset) {
        int node = roots[tree];
        if (plain[tree]) {
            for (int i = depth[tree]; i > 0; i--) {
                node = step(nodes, node, row, offset);
            }
            return node;
        }
        while (true) {
            long meta = nodes[2 * node + 1];
            int upper = (int) (meta >>> 32);
            if (upper < 0) {
                return node;
            }
            double x = row[offset + (int) meta];
            int left = upper & CHILD_MASK;
            if (x != x) {
                node = left + ((upper & NAN_RIGHT) != 0 ? 1 : 0);
            } else if ((upper & CATEGORICAL) != 0) {
                node = left + (inCategorySet(nodes[2 * node], x) == categoryInSetGoesLeft ? 0 : 1);
            } else if ((upper & ZERO_MISSING) != 0 && Math.abs(x) <= ZERO_THRESHOLD) {
                node = left + ((upper & DEFAULT_RIGHT) != 0 ? 1 : 0);
            } else {
                node = left + (x < Double.longBitsToDouble(nodes[2 * node]) ? 0 : 1);
            }
        }
    }

    /** Whether {@code x} is a category of the set at {@code catBits[start..start + words)}, given as {@code start << 32 | words}. */
    private boolean inCategorySet(long set, double x) {
        if (!(x >= 0) || x >= 1 << 30) {
            return false;
        }
        int category = (int) x;
        int word = category >>> 6;
        return word < (int) set && (catBits[(int) (set >>> 32) + word] & (1L << category)) != 0;
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
        private boolean[] defaultLeft = new boolean[64];
        private boolean[] categorical = new boolean[64];
        private byte[] missing = new byte[64];
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
            if (featureIndex < 0) {
                throw new IllegalArgumentException("negative feature index " + featureIndex);
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
