package dev.modelport.flavor.xgboost;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A parsed XGBoost model, whatever file format it came from: {@code baseMargins} holds one
 * initial margin per output group (base_score already through the objective's ProbToMargin).
 */
record XgboostModel(String objectiveName, Objective objective, int features, int groups, float[] baseMargins,
        List<String> featureNames, XgboostBooster booster, OptionalInt bestIteration) {
    XgboostModel {
        Objects.requireNonNull(objectiveName, "objectiveName");
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(booster, "booster");
        Objects.requireNonNull(bestIteration, "bestIteration");
        featureNames = List.copyOf(featureNames);
        if (groups < 1 || baseMargins.length != groups) {
            throw new IllegalArgumentException(groups + " output groups with " + baseMargins.length + " base margins");
        }
        if (!featureNames.isEmpty() && featureNames.size() != features) {
            throw new IllegalArgumentException(featureNames.size() + " feature names for " + features + " features");
        }
    }
}
