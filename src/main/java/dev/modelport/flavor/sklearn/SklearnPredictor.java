package dev.modelport.flavor.sklearn;

import dev.modelport.data.Input;
import dev.modelport.data.Output;
import dev.modelport.data.Params;
import dev.modelport.flavor.RowByRowPredictor;

/** A compiled scikit-learn model: the input as a DataFrame or ndarray, the MLflow-chosen method applied. Stateless. */
final class SklearnPredictor implements RowByRowPredictor {
    private final Estimator estimator;
    private final PredictMethod method;

    SklearnPredictor(Estimator estimator, PredictMethod method) {
        this.estimator = estimator;
        this.method = method;
    }

    @Override
    public Output predict(Input input, Params params) {
        return method.apply(estimator, Table.from(input));
    }

    @Override
    public String toString() {
        return "sklearn " + estimator.name() + "." + method.pythonName();
    }
}
