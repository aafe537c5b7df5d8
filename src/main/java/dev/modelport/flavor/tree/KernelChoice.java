package dev.modelport.flavor.tree;

/**
 * The one place that says which kernel scores what, each threshold next to the measurement behind
 * it. Every kernel reaches the same leaves and the sums add them in the same order, so the choice
 * changes how fast a prediction is, never its result. There are three choices:
 * <ul>
 *   <li>once, when the ensemble is built: whether all its trees fit {@link ShallowTrees} ({@link #shallow}),
 *       and which walk each tree takes through a block of rows ({@link #byTree});
 *   <li>per call on feature columns: {@link ShallowTrees}, unless a NaN is among them ({@link #columnsAsTheyAre});
 *   <li>per block of rows: rows side by side through each tree, or trees side by side for each row
 *       ({@link #rowsSideBySide}).
 * </ul>
 * The numbers are those the commits named and {@code bench/RESULTS.md} give.
 */
final class KernelChoice {
    /** The kernels. */
    enum Kernel {
        /** {@link ShallowTrees}: every tree straight from NaN-free feature columns, a row's top three splits compared at once. */
        SHALLOW,
        /** All rows of a block through one plain tree, one level at a time. */
        LEVEL_BY_LEVEL,
        /** Four rows of a block through one plain tree side by side; the rows left over take {@link #WALK}. */
        FOUR_ROWS,
        /** One row through four plain trees side by side, each walk taking the next tree as soon as it stands on a leaf. */
        TREES_FOR_ROW,
        /** One row through one tree, any split: the only kernel for categorical and zero-as-missing splits and NaN thresholds. */
        WALK
    }

    /**
     * Walks run four side by side: four rows through one tree ({@link Kernel#FOUR_ROWS}), or four trees
     * for one row ({@link Kernel#TREES_FOR_ROW}); the kernels are written out for four. One walk is
     * bound by latency (load the node, load the feature, compare, next node): four at once were 2.5x
     * faster than one at a time in a harness, eight at once no faster (bench/RESULTS.md, the 23:24 UTC
     * run; with the branch-free steps of the same branch, commits 0f953cc and 270fa35,
     * xgboost_500_trees went 16,594 -> 7,041 us for 1,000 rows and 13.2 -> 9.22 us for one, LightGBM's
     * 500 trees 29,232 -> 11,184 us and 9.29 -> 7.98 us).
     */
    static final int LANES = 4;

    /**
     * A plain tree at most this deep walks a block level by level ({@link Kernel#LEVEL_BY_LEVEL}): its
     * walks are independent, so the loads of one level overlap. 8-11 % faster than four rows at a time
     * for the pipeline fixture's 30 depth-2 trees in JMH, while XGBoost's depth-6 trees came out 7 %
     * slower (commit dfa0a06); 4 lies between the two measured depths (scikit-learn's gradient
     * boosting grows depth 3 by default).
     */
    static final int LEVEL_WALK_MAX_DEPTH = 4;

    private KernelChoice() {
    }

    /**
     * Whether every tree fits {@link ShallowTrees}: plain and at most {@link ShallowTrees#MAX_DEPTH} (3)
     * deep, as deep as its three splits compared at once and one behind them reach. It scores such
     * trees from the feature columns as they are, without walking: 30 depth-2 trees over 10,000 rows
     * 1.36 -> 0.59 ms (2.3x), 10-20 % faster for depth 3, ScoreBench pipeline 10k 4.05 -> 2.42 ms
     * (commit 6000442); 559-561 us for depth 2 and 1,382-1,391 us for depth 3 once its two loops were
     * one (commit 019edb3). ShallowTrees scores all trees or none, so one deeper tree, or one that is
     * not plain, sends the whole ensemble to the walks. (A split with an infinite threshold, which
     * ShallowTrees cannot compare, makes {@link TreeLayout#shallowTrees} refuse as well.)
     */
    static boolean shallow(TreeLayout layout) {
        for (int t = 0; t < layout.treeCount(); t++) {
            if (!fitsShallow(layout.plain[t], layout.maxLeafDepth[t])) {
                return false;
            }
        }
        return true;
    }

    /** Whether a tree, plain or not and {@code depth} deep, fits {@link ShallowTrees} ({@link #shallow}). */
    static boolean fitsShallow(boolean plain, int depth) {
        return plain && depth <= ShallowTrees.MAX_DEPTH;
    }

    /**
     * Whether columns go to {@code shallow} (null when the ensemble does not fit it) as they are: only
     * without a NaN, since ShallowTrees compares {@code x >= threshold} and has no NaN directions; one
     * pass over the columns finds out. Otherwise they are laid out by row for the walks.
     */
    static boolean columnsAsTheyAre(ShallowTrees shallow, double[][] columns, int rows) {
        return shallow != null && !hasNan(columns, rows);
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
     * Whether a block of {@code rows} rows walks each tree with its rows side by side (each tree by its
     * {@link #byTree} kernel): with {@link #LANES} rows or more. A smaller block, a request of one to
     * three rows or the last rows of a batch, takes {@link Kernel#TREES_FOR_ROW} instead, whose walks
     * run side by side over trees; each takes the next tree at its leaf, because LightGBM's trees are
     * uneven (depth 12.4 at most on average, 7.7 to a leaf: commit 270fa35, bench/RESULTS.md 23:24 UTC).
     */
    static boolean rowsSideBySide(int rows) {
        return rows >= LANES;
    }

    /** By tree, the kernel it takes through a block of {@link #LANES} rows or more ({@link #forTree}). */
    static Kernel[] byTree(TreeLayout layout) {
        Kernel[] kernels = new Kernel[layout.treeCount()];
        for (int t = 0; t < kernels.length; t++) {
            kernels[t] = forTree(layout.plain[t], layout.maxLeafDepth[t]);
        }
        return kernels;
    }

    /**
     * The kernel of one tree, plain or not and {@code depth} deep, through a block of {@link #LANES} rows
     * or more: a tree that is not plain takes {@link Kernel#WALK}, since the side-by-side walks compare
     * once a step ({@link TreeLayout}); a plain one {@link Kernel#LEVEL_BY_LEVEL} up to
     * {@link #LEVEL_WALK_MAX_DEPTH} deep, else {@link Kernel#FOUR_ROWS}.
     */
    static Kernel forTree(boolean plain, int depth) {
        if (!plain) {
            return Kernel.WALK;
        }
        return depth <= LEVEL_WALK_MAX_DEPTH ? Kernel.LEVEL_BY_LEVEL : Kernel.FOUR_ROWS;
    }
}
