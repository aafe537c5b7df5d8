package dev.modelport.flavor.tree;

/**
 * What {@link TreeEnsemble#sumLeaves} hands a block of leaf values to: a caller's own sums
 * ({@link TreeEnsemble#addLeafValues} in double by class; XGBoost in float, by tree group and weight).
 */
@FunctionalInterface
public interface LeafSums {
    /**
     * Adds the leaf values of trees {@code [from, to)} for rows {@code [start, end)}, tree t's for row r
     * at {@code leaves[(t - from) * (end - start) + r - start]}. Blocks come row block by row block, each
     * row block's trees in order, so adding each block row by row in tree order keeps every row's sum
     * in tree order. {@code leaves} is reused for the next block.
     */
    void add(double[] leaves, int start, int end, int from, int to);
}
