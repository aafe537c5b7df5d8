package dev.modelport.flavor.lightgbm;

import dev.modelport.flavor.tree.TreeEnsemble;
import java.util.Objects;

/**
 * A parsed LightGBM text model: iteration i adds tree {@code i * treesPerIteration + k} to score
 * k; {@code averageOutput} (random forest) divides the sums by the iterations. Features marked in
 * {@code categorical} are split on as categories. {@code pandasCategorical} is true when the
 * Python package recorded pandas category columns for the model ({@code pandas_categorical:}).
 */
record LightgbmModel(Objective objective, int features, int treesPerIteration, TreeEnsemble trees, LinearLeaves linear,
        boolean averageOutput, boolean[] categorical, boolean pandasCategorical) {
    LightgbmModel {
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(trees, "trees");
        Objects.requireNonNull(linear, "linear");
        categorical = categorical.clone();
        if (treesPerIteration < 1 || trees.treeCount() % treesPerIteration != 0) {
            throw new IllegalArgumentException(trees.treeCount() + " trees do not make whole iterations of " + treesPerIteration);
        }
        if (objective.classes() != treesPerIteration) {
            throw new IllegalArgumentException("objective '" + objective.line() + "' has " + objective.classes()
                    + " outputs per row, the model " + treesPerIteration + " trees per iteration");
        }
        if (categorical.length != features) {
            throw new IllegalArgumentException(categorical.length + " categorical flags for " + features + " features");
        }
        if (trees.maxFeature() >= features || linear.maxFeature() >= features) {
            throw new IllegalArgumentException("a split or leaf reads feature " + Math.max(trees.maxFeature(), linear.maxFeature())
                    + " of a model with " + features + " features");
        }
    }

    int iterations() {
        return trees.treeCount() / treesPerIteration;
    }
}
