package dev.modelport.flavor.sklearn;

import dev.modelport.data.Tensor;

/**
 * A fitted scikit-learn estimator compiled to flat arrays. Each method behaves like the estimator's
 * method of that name; one the estimator does not have fails as Python's AttributeError would.
 */
interface Estimator {

    /** The class name, as in scikit-learn's messages. */
    String name();

    Tensor predict(Table x);

    default Tensor predictProba(Table x) {
        throw missing("predict_proba");
    }

    default Tensor predictLogProba(Table x) {
        return Activations.log(predictProba(x));
    }

    default Tensor decisionFunction(Table x) {
        throw missing("decision_function");
    }

    default Tensor scoreSamples(Table x) {
        throw missing("score_samples");
    }

    default UnsupportedOperationException missing(String method) {
        return new UnsupportedOperationException("'" + name() + "' object has no attribute '" + method + "'");
    }
}
