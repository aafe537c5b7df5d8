package dev.modelport.flavor.sklearn;

import dev.modelport.ModelportException;
import dev.modelport.data.Tensor;
import java.util.Arrays;

/** The estimator method MLflow's pyfunc calls: the {@code predict_fn} key of the python_function flavor. */
enum PredictMethod {
    PREDICT("predict"),
    PREDICT_PROBA("predict_proba"),
    PREDICT_LOG_PROBA("predict_log_proba"),
    DECISION_FUNCTION("decision_function"),
    SCORE_SAMPLES("score_samples");

    private final String pythonName;

    PredictMethod(String pythonName) {
        this.pythonName = pythonName;
    }

    String pythonName() {
        return pythonName;
    }

    static PredictMethod of(String name) {
        return Arrays.stream(values()).filter(m -> m.pythonName.equals(name)).findFirst()
                .orElseThrow(() -> ModelportException.badModel("predict_fn '%s' is not supported natively; supported: %s", name,
                        Arrays.stream(values()).map(PredictMethod::pythonName).toList()));
    }

    Tensor apply(Estimator estimator, Table x) {
        return switch (this) {
            case PREDICT -> estimator.predict(x);
            case PREDICT_PROBA -> estimator.predictProba(x);
            case PREDICT_LOG_PROBA -> estimator.predictLogProba(x);
            case DECISION_FUNCTION -> estimator.decisionFunction(x);
            case SCORE_SAMPLES -> estimator.scoreSamples(x);
        };
    }
}
