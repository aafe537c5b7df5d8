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
 * longs in {@link #nodes}: its threshold, then its left child and flags (upper word) and its
 * feature (lower word); the right child is left + 1. Where a NaN goes is fixed per node (the
 * default child, or where 0.0 or "not in the set" goes) and kept as the lowest bit of the feature
 * word, {@code 2 * feature + nanGoesRight}: a {@link RowBlock} holds every value twice, as given
 * and with NaN as +Infinity, so in a tree without categorical or zero-as-missing splits
 * ({@link #plain}) a step is one comparison, {@code left + (x >= threshold)}, without a branch to
 * mispredict (NaN >= t is false, +Infinity >= t true). A leaf has a NaN threshold and loops to
 * itself, so several walks run side by side until all of them stand on leaves.
 */
public final class TreeEnsemble {
    /** The upper word of a node's second long: the left child's index, then flags above it. */
    private static final int CHILD_MASK = (1 << 27) - 1;
    /** The lower word holds {@code 2 * feature + nanGoesRight}. */
    private static final int MAX_FEATURE = (1 << 30) - 1;
    private static final int DEFAULT_RIGHT = 1 << 28;
    private static final int CATEGORICAL = 1 << 29;
    private static final int ZERO_MISSING = 1 << 30;
    private static final int LEAF = 1 << 31;
    /** Walks run side by side: rows of a block through one tree, or trees for one row. */
    private static final int LANES = 4;
    /**
     * A tree this shallow (scikit-learn's gradient boosting grows depth 3 by default) is walked level by
     * level over a whole block ({@link #levelByLevel}): 8-11 % faster for 30 depth-2 trees in JMH, where
     * deeper ones (XGBoost's depth 6) came out 7 % slower than four rows at a time.
     */
    private static final int LEVEL_WALK_MAX_DEPTH = 4;
    /**
     * LightGBM's kZeroThreshold: the float literal {@code 1e-35f} widened to double
     * (1.0000000180025095e-35), below which a value counts as zero.
     */
    public static final double ZERO_THRESHOLD = 1e-35f;
    /**
     * The blocks callers hand {@link #leafValues}: rows whose doubled features stay in L1 while one tree
     * after the other walks them, and enough trees a call that one row's side-by-side walks rarely wait.
     */
    public static final int BLOCK_ROWS = 64;
    public static final int BLOCK_TREES = 128;

    private final long[] nodes;
    private final int parked;
    /** By node: a leaf's value and its index as the builder numbered it. */
    private final double[] value;
    private final int[] leafId;
    private final int[] roots;
    /** By tree: the depth of its deepest leaf. */
    private final int[] maxLeafDepth;
    private final boolean[] plain;
    private final long[] catBits;
    private final boolean categoryInSetGoesLeft;
    private final int maxFeature;
    /** Leaf values by the builder's node numbering, for {@link #leafValue}. */
    private final double[] builtLeafValue;
    /** The trees laid out complete, when every one is plain and shallow enough; else null. */
    private final ShallowTrees shallow;

    private TreeEnsemble(Builder b) {
        int count = b.treeCount;
        this.roots = new int[count];
        this.maxLeafDepth = new int[count];
        this.plain = new boolean[count];
        this.catBits = Arrays.copyOf(b.catBits, b.catBitCount);
        this.categoryInSetGoesLeft = b.categoryInSetGoesLeft;
        this.builtLeafValue = Arrays.copyOf(b.leafValue, b.nodeCount);
        long[] laid = new long[2 * b.nodeCount];
        double[] values = new double[b.nodeCount + 1];
        int[] ids = new int[b.nodeCount + 1];
        int[] queue = new int[b.nodeCount];
        int[] position = new int[b.nodeCount];
        int[] depth = new int[b.nodeCount];
        int next = 0;
        int max = -1;
        for (int t = 0; t < count; t++) {
            roots[t] = next;
            plain[t] = true;
            int head = 0;
            int tail = 0;
            queue[tail] = b.roots[t];
            depth[tail] = 0;
            position[tail++] = next++;
            while (head < tail) {
                int o = queue[head];
                int d = depth[head];
                int p = position[head++];
                if (b.left[o] < 0) {
                    maxLeafDepth[t] = Math.max(maxLeafDepth[t], d);
                    layLeaf(laid, p);
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
                depth[tail] = d + 1;
                position[tail++] = left;
                queue[tail] = b.right[o];
                depth[tail] = d + 1;
                position[tail++] = left + 1;
                max = Math.max(max, b.feature[o]);
                int flags = flags(b, o);
                // a NaN threshold sends every number right in walk(), but would send it left in step()
                plain[t] &= (flags & (CATEGORICAL | ZERO_MISSING)) == 0 && !Double.isNaN(b.threshold[o]);
                laid[2 * p] = (flags & CATEGORICAL) != 0 ? (long) b.catStart[o] << 32 | b.catWords[o]
                        : Double.doubleToRawLongBits(b.threshold[o]);
                laid[2 * p + 1] = (long) (flags | left) << 32 | (2L * b.feature[o] + (nanRight(b, o) ? 1 : 0));
            }
        }
        this.parked = next++; // a leaf of no tree, where a side-by-side walk left without a tree stays
        this.nodes = Arrays.copyOf(laid, 2 * next);
        layLeaf(nodes, parked);
        this.value = Arrays.copyOf(values, next);
        this.leafId = Arrays.copyOf(ids, next);
        this.maxFeature = max;
        this.shallow = shallowTrees();
    }

    private ShallowTrees shallowTrees() {
        for (int t = 0; t < roots.length; t++) {
            if (!plain[t] || maxLeafDepth[t] > ShallowTrees.MAX_DEPTH) {
                return null;
            }
        }
        ShallowTrees trees = new ShallowTrees(maxLeafDepth);
        for (int t = 0; t < roots.length; t++) {
            if (!layComplete(trees, t, roots[t], 0, 0)) {
                return null;
            }
        }
        return trees;
    }

    /**
     * Lays node {@code node} of plain tree t at {@code slot} of its complete layout, at {@code level}, and
     * the nodes below it; false, laying no more, at a split whose threshold is infinite.
     */
    private boolean layComplete(ShallowTrees trees, int t, int node, int slot, int level) {
        int depth = maxLeafDepth[t];
        if (level == depth) {
            trees.leaf(t, slot - ((1 << depth) - 1), value[node]);
            return true;
        }
        long meta = nodes[2 * node + 1];
        boolean leaf = meta < 0;
        double threshold = leaf ? 0 : Double.longBitsToDouble(nodes[2 * node]);
        if (Double.isInfinite(threshold)) {
            return false;
        }
        int left = leaf ? node : (int) (meta >>> 32) & CHILD_MASK;
        trees.split(t, slot, leaf ? 0 : (int) meta >>> 1, threshold);
        return layComplete(trees, t, left, 2 * slot + 1, level + 1)
                && layComplete(trees, t, leaf ? node : left + 1, 2 * slot + 2, level + 1);
    }

    /** A leaf at p: a NaN threshold and p as its left child, so a step stays on it. */
    private static void layLeaf(long[] nodes, int p) {
        nodes[2 * p] = Double.doubleToRawLongBits(Double.NaN);
        nodes[2 * p + 1] = (long) (LEAF | p) << 32;
    }

    private static int flags(Builder b, int o) {
        boolean categorical = b.categorical[o];
        return (b.defaultLeft[o] ? 0 : DEFAULT_RIGHT) | (categorical ? CATEGORICAL : 0)
                | (!categorical && b.missing[o] == MissingType.ZERO.ordinal() ? ZERO_MISSING : 0);
    }

    /** Whether split {@code o} sends a NaN right: to the default child, else where 0.0 or "in no set" goes. */
    private static boolean nanRight(Builder b, int o) {
        int missing = b.missing[o];
        boolean categorical = b.categorical[o];
        if (missing == MissingType.NAN.ordinal() || missing == MissingType.ZERO.ordinal() && !categorical) {
            return !b.defaultLeft[o];
        }
        return categorical ? b.categoryInSetGoesLeft : !(0.0 < b.threshold[o]);
    }

    public int treeCount() {
        return roots.length;
    }

    /** The largest feature index any split reads, -1 when there are no splits. */
    public int maxFeature() {
        return maxFeature;
    }

    /** The value of the leaf numbered {@code node} by the builder, as {@link #leaf} returns it. */
    public double leafValue(int node) {
        return builtLeafValue[node];
    }

    /** The leaf tree {@code tree} reaches for {@code row[offset..]}, by the builder's (global) node numbering. */
    public int leaf(int tree, double[] row, int offset) {
        return leafId[walk(tree, row, offset)];
    }

    /**
     * As {@link #addLeafValues(FeatureMatrix, int, double[])}, for features given column by column
     * ({@code columns[j][r]}, as scikit-learn's input checks hand them over): shallow trees read them as
     * they are ({@link ShallowTrees}) unless a NaN is among them, the others row by row.
     */
    public void addLeafValues(double[][] columns, int rows, int classes, double[] scores) {
        if (shallow != null && !hasNan(columns, rows)) {
            shallow.addLeafValues(columns, rows, classes, scores);
        } else {
            addLeafValues(FeatureMatrix.fromColumns(columns, rows), classes, scores);
        }
    }

    /** Whether {@link #addLeafValues(double[][], int, int, double[])} reads NaN-free columns as they are. */
    boolean scoresColumnsAsTheyAre() {
        return shallow != null;
    }

    private static boolean hasNan(double[][] columns, int rows) {
        for (double[] column : columns) {
            for (int r = 0; r < rows; r++) {
                if (column[r] != column[r]) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Adds the leaf value of every tree t to {@code scores[r * classes + t % classes]} for every row r
     * of {@code x}, each sum in tree order (LightGBM's and scikit-learn's double sums), in blocks of
     * rows tree by tree.
     */
    public void addLeafValues(FeatureMatrix x, int classes, double[] scores) {
        int rows = x.rows();
        double[] leaves = new double[Math.min(rows, BLOCK_ROWS) * BLOCK_TREES];
        RowBlock block = new RowBlock(x, BLOCK_ROWS);
        for (int start = 0; start < rows; start += BLOCK_ROWS) {
            int end = Math.min(rows, start + BLOCK_ROWS);
            int n = end - start;
            block.select(start, end);
            for (int from = 0; from < treeCount(); from += BLOCK_TREES) {
                int to = Math.min(treeCount(), from + BLOCK_TREES);
                leafValues(block, from, to, leaves);
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
            }
        }
    }

    /**
     * The leaf values of trees {@code [fromTree, toTree)} for the rows of {@code block}, tree by tree:
     * {@code out[(t - fromTree) * block.size() + i]} for the block's row i. Several rows walk each tree
     * side by side, or, for a block of fewer rows than that, several trees each row.
     */
    public void leafValues(RowBlock block, int fromTree, int toTree, double[] out) {
        int rows = block.size();
        double[] doubled = block.doubled();
        int width = 2 * block.columns();
        if (rows >= LANES) {
            int[] walks = new int[rows];
            for (int t = fromTree; t < toTree; t++) {
                int at = (t - fromTree) * rows;
                if (plain[t] && maxLeafDepth[t] <= LEVEL_WALK_MAX_DEPTH) {
                    levelByLevel(t, doubled, rows, width, walks, out, at);
                    continue;
                }
                int i = 0;
                if (plain[t]) {
                    for (; i + LANES <= rows; i += LANES) {
                        fourRows(roots[t], doubled, i * width, width, out, at + i);
                    }
                }
                for (; i < rows; i++) {
                    out[at + i] = value[walk(t, block, i)];
                }
            }
            return;
        }
        for (int i = 0; i < rows; i++) {
            treesForRow(fromTree, toTree, block, i, doubled, i * width, out, rows);
        }
    }

    /**
     * All rows of a block one level of the plain tree t at a time, as many levels as its deepest leaf
     * (a walk that reached a leaf stays on it): the block's walks are independent, so the loads of one
     * level overlap instead of each waiting on the one before, and no walk looks for its leaf.
     */
    private void levelByLevel(int t, double[] doubled, int rows, int width, int[] walks, double[] out, int at) {
        long[] nodes = this.nodes;
        int root = roots[t];
        int levels = maxLeafDepth[t];
        if (levels == 0) {
            Arrays.fill(out, at, at + rows, value[root]);
            return;
        }
        for (int i = 0; i < rows; i++) {
            walks[i] = step(nodes, root, doubled, i * width);
        }
        for (int level = 1; level < levels; level++) {
            for (int i = 0; i < rows; i++) {
                walks[i] = step(nodes, walks[i], doubled, i * width);
            }
        }
        for (int i = 0; i < rows; i++) {
            out[at + i] = value[walks[i]];
        }
    }

    /**
     * Four consecutive doubled rows from {@code o} on through the plain tree at {@code root}, side by side
     * until all four stand on a leaf; their leaf values go to {@code out[at..at + 3]}.
     */
    private void fourRows(int root, double[] doubled, int o, int width, double[] out, int at) {
        long[] nodes = this.nodes;
        int n0 = root;
        int n1 = root;
        int n2 = root;
        int n3 = root;
        while ((nodes[2 * n0 + 1] & nodes[2 * n1 + 1] & nodes[2 * n2 + 1] & nodes[2 * n3 + 1]) >= 0) {
            n0 = step(nodes, n0, doubled, o);
            n1 = step(nodes, n1, doubled, o + width);
            n2 = step(nodes, n2, doubled, o + 2 * width);
            n3 = step(nodes, n3, doubled, o + 3 * width);
        }
        out[at] = value[n0];
        out[at + 1] = value[n1];
        out[at + 2] = value[n2];
        out[at + 3] = value[n3];
    }

    /**
     * The trees {@code [fromTree, toTree)} for row i of the block, four walks side by side: a walk
     * that reaches its leaf takes the next tree at once, so the four do not wait for the deepest.
     */
    private void treesForRow(int fromTree, int toTree, RowBlock block, int i, double[] doubled, int o, double[] out, int rows) {
        long[] nodes = this.nodes;
        int t0 = nextLane(fromTree, fromTree, toTree, block, i, out, rows);
        int t1 = nextLane(t0 + 1, fromTree, toTree, block, i, out, rows);
        int t2 = nextLane(t1 + 1, fromTree, toTree, block, i, out, rows);
        int t3 = nextLane(t2 + 1, fromTree, toTree, block, i, out, rows);
        int n0 = root(t0, toTree);
        int n1 = root(t1, toTree);
        int n2 = root(t2, toTree);
        int n3 = root(t3, toTree);
        while (t0 < toTree || t1 < toTree || t2 < toTree || t3 < toTree) {
            n0 = step(nodes, n0, doubled, o);
            n1 = step(nodes, n1, doubled, o);
            n2 = step(nodes, n2, doubled, o);
            n3 = step(nodes, n3, doubled, o);
            int next = Math.max(Math.max(t0, t1), Math.max(t2, t3)) + 1;
            if (t0 < toTree && nodes[2 * n0 + 1] < 0) {
                out[(t0 - fromTree) * rows + i] = value[n0];
                t0 = nextLane(next, fromTree, toTree, block, i, out, rows);
                n0 = root(t0, toTree);
                next = t0 + 1;
            }
            if (t1 < toTree && nodes[2 * n1 + 1] < 0) {
                out[(t1 - fromTree) * rows + i] = value[n1];
                t1 = nextLane(next, fromTree, toTree, block, i, out, rows);
                n1 = root(t1, toTree);
                next = t1 + 1;
            }
            if (t2 < toTree && nodes[2 * n2 + 1] < 0) {
                out[(t2 - fromTree) * rows + i] = value[n2];
                t2 = nextLane(next, fromTree, toTree, block, i, out, rows);
                n2 = root(t2, toTree);
                next = t2 + 1;
            }
            if (t3 < toTree && nodes[2 * n3 + 1] < 0) {
                out[(t3 - fromTree) * rows + i] = value[n3];
                t3 = nextLane(next, fromTree, toTree, block, i, out, rows);
                n3 = root(t3, toTree);
            }
        }
    }

    /**
     * The first tree from {@code t} on that a side-by-side walk takes: a plain one whose root is a
     * split; the trees before it are done here. {@code toTree} or more when none is left.
     */
    private int nextLane(int t, int fromTree, int toTree, RowBlock block, int i, double[] out, int rows) {
        for (; t < toTree; t++) {
            if (plain[t] && nodes[2 * roots[t] + 1] >= 0) {
                return t;
            }
            out[(t - fromTree) * rows + i] = value[walk(t, block, i)];
        }
        return t;
    }

    /** The root of tree t, or, for a walk without a tree ({@code t >= toTree}), a leaf that loops to itself. */
    private int root(int t, int toTree) {
        return t < toTree ? roots[t] : parked;
    }

    /** One level down a plain tree for a doubled row; a leaf stays where it is. */
    private static int step(long[] nodes, int node, double[] doubled, int offset) {
        long meta = nodes[2 * node + 1];
        double x = doubled[offset + (int) meta];
        return ((int) (meta >>> 32) & CHILD_MASK) + (x >= Double.longBitsToDouble(nodes[2 * node]) ? 1 : 0);
    }

    private int walk(int tree, RowBlock block, int i) {
        return walk(tree, block.values(), (block.from() + i) * block.columns());
    }

    private int walk(int tree, double[] row, int offset) {
        int node = roots[tree];
        while (true) {
            long meta = nodes[2 * node + 1];
            int upper = (int) (meta >>> 32);
            if (upper < 0) {
                return node;
            }
            int feature = (int) meta;
            double x = row[offset + (feature >>> 1)];
            int left = upper & CHILD_MASK;
            if (x != x) {
                node = left + (feature & 1);
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
            if (featureIndex < 0 || featureIndex > MAX_FEATURE) {
                throw new IllegalArgumentException("feature index " + featureIndex + " outside 0.." + MAX_FEATURE);
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
