package dev.modelport.flavor;

/**
 * A predictor whose prediction of each row depends on that row alone (scikit-learn's, XGBoost's and
 * LightGBM's {@code predict}), so that {@link Flavors} may have a big input predicted in parts by rows
 * on the spare cores ({@link RowSplitPredictor}).
 */
public interface RowByRowPredictor extends Predictor {
}
