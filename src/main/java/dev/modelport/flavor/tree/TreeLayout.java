package dev.modelport.flavor.tree;

import java.util.Arrays;

/**
 * The trees of a {@link TreeEnsemble} laid out flat for fast walks, from the trees its
 * {@link TreeEnsemble.Builder} gathered. A node goes left when {@code x < threshold}; LightGBM's
 * {@code x <= t} is stored as {@code nextUp(t)}. Categorical splits hold their category set as a
 * bitset; a category in the set goes to the "in" child ({@link #categoryInSetGoesLeft}), any other
 * value, a negative one or one beyond the set, to the other child. Immutable once built.
 *
 * <p>Each tree is stored breadth-first with a node's two children side by side, so a node is two
 * longs in {@link #nodes}: its threshold, then its left child and flags (upper word) and its
 * feature (lower word); the right child is left + 1. Where a NaN goes is fixed per node (the
 * default child, or where 0.0 or "not in the set" goes) and kept as the lowest bit of the feature
 * word, {@code 2 * feature + nanGoesRight}: a {@link RowBlock} holds every value twice, as given
 * and with NaN as +Infinity, so in a tree without categorical or zero-as-missing splits
 * ({@link #plain}) a step is one comparison, {@code left + (x >= threshold)}, without a branch to
 * mispredict (NaN >= t is false, +Infinity >= t true). A leaf has a NaN threshold and loops to
 * itself, so several walks run side by side until all of them stand on leaves ({@link TreeWalks}).
 */
final class TreeLayout {
    /** The upper word of a node's second long: the left child's index, then flags above it. */
    static final int CHILD_MASK = (1 << 27) - 1;
    /** The lower word holds {@code 2 * feature + nanGoesRight}. */
    static final int MAX_FEATURE = (1 << 30) - 1;
    static final int DEFAULT_RIGHT = 1 << 28;
    static final int CATEGORICAL = 1 << 29;
    static final int ZERO_MISSING = 1 << 30;
    private static final int LEAF = 1 << 31;

    final long[] nodes;
    /** A leaf of no tree, where a side-by-side walk left without a tree stays. */
    final int parked;
    /** By node: a leaf's value and its index as the builder numbered it. */
    final double[] value;
    final int[] leafId;
    final int[] roots;
    /** By tree: the depth of its deepest leaf. */
    final int[] maxLeafDepth;
    /** By tree: no categorical or zero-as-missing split and no NaN threshold, so {@link TreeWalks#step} can take it. */
    final boolean[] plain;
    final long[] catBits;
    final boolean categoryInSetGoesLeft;
    /** The largest feature index any split reads, -1 when there are no splits. */
    final int maxFeature;
    /** Leaf values by the builder's node numbering, for {@link TreeEnsemble#leafValue}. */
    final double[] builtLeafValue;

    TreeLayout(TreeEnsemble.Builder b) {
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
        this.parked = next++;
        this.nodes = Arrays.copyOf(laid, 2 * next);
        layLeaf(nodes, parked);
        this.value = Arrays.copyOf(values, next);
        this.leafId = Arrays.copyOf(ids, next);
        this.maxFeature = max;
    }

    int treeCount() {
        return roots.length;
    }

    /**
     * The trees laid out complete for {@link ShallowTrees}, each of them plain and at most
     * {@link ShallowTrees#MAX_DEPTH} deep ({@link KernelChoice#shallow}); null when a split's threshold
     * is infinite, which {@link ShallowTrees} cannot compare.
     */
    ShallowTrees shallowTrees() {
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

    private static int flags(TreeEnsemble.Builder b, int o) {
        boolean categorical = b.categorical[o];
        return (b.defaultLeft[o] ? 0 : DEFAULT_RIGHT) | (categorical ? CATEGORICAL : 0)
                | (!categorical && b.missing[o] == MissingType.ZERO.ordinal() ? ZERO_MISSING : 0);
    }

    /** Whether split {@code o} sends a NaN right: to the default child, else where 0.0 or "in no set" goes. */
    private static boolean nanRight(TreeEnsemble.Builder b, int o) {
        int missing = b.missing[o];
        boolean categorical = b.categorical[o];
        if (missing == MissingType.NAN.ordinal() || missing == MissingType.ZERO.ordinal() && !categorical) {
            return !b.defaultLeft[o];
        }
        return categorical ? b.categoryInSetGoesLeft : !(0.0 < b.threshold[o]);
    }
}
