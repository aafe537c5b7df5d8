package dev.modelport.flavor.sklearn;

import dev.modelport.data.Tensor;
import java.util.List;

/** Pipeline: every step but the last transforms, the last predicts (or transforms, inside a ColumnTransformer). */
final class Pipeline implements Estimator, Transformer {
    private final List<Transformer> steps;
    private final Estimator finalEstimator;
    private final Transformer finalTransformer;

    Pipeline(List<Transformer> steps, Estimator finalEstimator, Transformer finalTransformer) {
        this.steps = List.copyOf(steps);
        this.finalEstimator = finalEstimator;
        this.finalTransformer = finalTransformer;
    }

    @Override
    public String name() {
        return "Pipeline";
    }

    private Table prepare(Table x) {
        Table t = x;
        for (Transformer step : steps) {
            t = step.transform(t);
        }
        return t;
    }

    private Estimator last(String method) {
        if (finalEstimator == null) {
            throw new UnsupportedOperationException("This 'Pipeline' has no attribute '" + method + "'");
        }
        return finalEstimator;
    }

    @Override
    public Tensor predict(Table x) {
        return last("predict").predict(prepare(x));
    }

    @Override
    public Tensor predictProba(Table x) {
        return last("predict_proba").predictProba(prepare(x));
    }

    @Override
    public Tensor predictLogProba(Table x) {
        return last("predict_log_proba").predictLogProba(prepare(x));
    }

    @Override
    public Tensor decisionFunction(Table x) {
        return last("decision_function").decisionFunction(prepare(x));
    }

    @Override
    public Table transform(Table x) {
        Table t = prepare(x);
        return finalTransformer == null ? t : finalTransformer.transform(t);
    }
}
