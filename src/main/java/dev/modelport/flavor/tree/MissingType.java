package dev.modelport.flavor.tree;

/** Which input values a split sends to its default child instead of comparing them. */
public enum MissingType {
    /** No value is missing: LightGBM compares NaN as 0.0. */
    NONE,
    /** Zero (|x| <= {@link TreeEnsemble#ZERO_THRESHOLD}) and NaN go to the default child (LightGBM {@code zero}). */
    ZERO,
    /** NaN goes to the default child (XGBoost always; LightGBM {@code nan}). */
    NAN
}
