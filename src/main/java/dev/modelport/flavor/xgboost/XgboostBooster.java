package dev.modelport.flavor.xgboost;

import dev.modelport.flavor.tree.TreeEnsemble;
import java.util.Objects;

/** The gradient booster of an XGBoost model: trees (gbtree, dart) or a linear model (gblinear). */
sealed interface XgboostBooster {

    /**
     * gbtree or dart: tree {@code t} adds {@code weights[t] * leaf} (weights are all 1 for gbtree)
     * to the margin of group {@code treeGroup[t]}; iteration {@code i} is trees
     * {@code [iterationStart[i], iterationStart[i + 1])}.
     */
    record Trees(TreeEnsemble trees, int[] treeGroup, float[] weights, int[] iterationStart) implements XgboostBooster {
        public Trees {
            Objects.requireNonNull(trees, "trees");
            if (treeGroup.length != trees.treeCount() || weights.length != trees.treeCount()) {
                throw new IllegalArgumentException(trees.treeCount() + " trees with " + treeGroup.length + " groups and "
                        + weights.length + " weights");
            }
            if (iterationStart.length == 0 || iterationStart[0] != 0 || iterationStart[iterationStart.length - 1] != trees.treeCount()) {
                throw new IllegalArgumentException("iteration boundaries do not cover the " + trees.treeCount() + " trees");
            }
        }

        int iterations() {
            return iterationStart.length - 1;
        }
    }

    /** gblinear: {@code weights[f * groups + g]} for feature f, the bias of group g at {@code weights[features * groups + g]}. */
    record Linear(float[] weights, int features, int groups) implements XgboostBooster {
        public Linear {
            if (weights.length != (long) (features + 1) * groups) {
                throw new IllegalArgumentException("gblinear with " + features + " features and " + groups + " groups needs "
                        + (long) (features + 1) * groups + " weights, got " + weights.length);
            }
        }
    }
}
