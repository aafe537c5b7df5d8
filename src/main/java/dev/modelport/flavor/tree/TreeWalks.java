package dev.modelport.flavor.tree;

import static dev.modelport.flavor.tree.KernelChoice.LANES;
import static dev.modelport.flavor.tree.TreeLayout.CATEGORICAL;
import static dev.modelport.flavor.tree.TreeLayout.CHILD_MASK;
import static dev.modelport.flavor.tree.TreeLayout.DEFAULT_RIGHT;
import static dev.modelport.flavor.tree.TreeLayout.ZERO_MISSING;

import dev.modelport.flavor.tree.KernelChoice.Kernel;
import java.util.Arrays;

/**
 * The kernels that walk a {@link TreeLayout}'s trees for the rows of a {@link RowBlock}: all rows of
 * a block one level at a time, four rows side by side, four trees side by side for one row, and the
 * general walk, which alone takes categorical and zero-as-missing splits. Each tree takes the walk
 * {@link KernelChoice} gave it when the ensemble was built; every walk reaches the same leaf.
 * Finding a leaf allocates nothing. Immutable, so safe to share between threads.
 */
final class TreeWalks {
    private final long[] nodes;
    private final int parked;
    private final double[] value;
    private final int[] roots;
    private final int[] maxLeafDepth;
    private final boolean[] plain;
    private final long[] catBits;
    private final boolean categoryInSetGoesLeft;
    /** By tree: its walk through a block of {@link KernelChoice#LANES} rows or more. */
    private final Kernel[] kernels;

    /** Walks through {@code layout}, tree t by {@code kernels[t]}: LEVEL_BY_LEVEL or FOUR_ROWS for a plain tree, or WALK. */
    TreeWalks(TreeLayout layout, Kernel[] kernels) {
        this.nodes = layout.nodes;
        this.parked = layout.parked;
        this.value = layout.value;
        this.roots = layout.roots;
        this.maxLeafDepth = layout.maxLeafDepth;
        this.plain = layout.plain;
        this.catBits = layout.catBits;
        this.categoryInSetGoesLeft = layout.categoryInSetGoesLeft;
        this.kernels = kernels.clone();
        if (this.kernels.length != roots.length) {
            throw new IllegalArgumentException(kernels.length + " kernels for " + roots.length + " trees");
        }
        for (int t = 0; t < roots.length; t++) {
            boolean takes = switch (this.kernels[t]) {
                case LEVEL_BY_LEVEL, FOUR_ROWS -> plain[t];
                case WALK -> true;
                case SHALLOW, TREES_FOR_ROW -> false;
            };
            if (!takes) {
                throw new IllegalArgumentException("tree " + t + " cannot take " + this.kernels[t] + (plain[t] ? "" : " (not plain)"));
            }
        }
    }

    int treeCount() {
        return roots.length;
    }

    /**
     * The leaf values of trees {@code [fromTree, toTree)} for the rows of {@code block}, tree by tree:
     * {@code out[(t - fromTree) * block.size() + i]} for the block's row i. Several rows walk each tree
     * side by side, or, for a block of fewer rows than that, several trees each row.
     */
    void leafValues(RowBlock block, int fromTree, int toTree, double[] out) {
        int rows = block.size();
        double[] doubled = block.doubled();
        int width = 2 * block.columns();
        if (KernelChoice.rowsSideBySide(rows)) {
            int[] walks = new int[rows];
            for (int t = fromTree; t < toTree; t++) {
                int at = (t - fromTree) * rows;
                Kernel kernel = kernels[t];
                if (kernel == Kernel.LEVEL_BY_LEVEL) {
                    levelByLevel(t, doubled, rows, width, walks, out, at);
                    continue;
                }
                int i = 0;
                if (kernel == Kernel.FOUR_ROWS) {
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

    /** The node (a leaf) tree {@code tree} reaches for {@code row[offset..]}, whatever its splits. */
    int walk(int tree, double[] row, int offset) {
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
            } else if ((upper & ZERO_MISSING) != 0 && Math.abs(x) <= TreeEnsemble.ZERO_THRESHOLD) {
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
}
