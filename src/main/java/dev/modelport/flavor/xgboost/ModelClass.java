package dev.modelport.flavor.xgboost;

import java.util.Optional;

/** The {@code model_class} of MLflow's xgboost flavor: what its pyfunc {@code predict} calls. */
enum ModelClass {
    /** {@code xgboost.core.Booster}: {@code booster.predict(DMatrix(df))}, every tree. */
    BOOSTER,
    /** An sklearn-API regressor or ranker: the wrapper's {@code predict}, up to {@code best_iteration}. */
    SKLEARN_REGRESSOR,
    /** An sklearn-API classifier: class labels, up to {@code best_iteration}. */
    SKLEARN_CLASSIFIER;

    static Optional<ModelClass> of(String name) {
        return Optional.ofNullable(switch (name) {
            case "xgboost.core.Booster" -> BOOSTER;
            case "xgboost.sklearn.XGBRegressor", "xgboost.sklearn.XGBRFRegressor", "xgboost.sklearn.XGBRanker" -> SKLEARN_REGRESSOR;
            case "xgboost.sklearn.XGBClassifier", "xgboost.sklearn.XGBRFClassifier" -> SKLEARN_CLASSIFIER;
            default -> null;
        });
    }
}
