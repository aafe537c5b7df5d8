package dev.modelport.flavor.sklearn;

import dev.modelport.data.DoubleColumn;
import dev.modelport.data.Dtype;
import dev.modelport.data.Frame;
import dev.modelport.data.Input;
import dev.modelport.data.Params;
import dev.modelport.data.Tensor;
import dev.modelport.flavor.Predictor;
import dev.modelport.flavor.sklearn.pickle.PyObject;
import dev.modelport.flavor.xgboost.XgboostFlavor;

/**
 * XGBClassifier / XGBRegressor inside a scikit-learn pickle: the Booster's serialised bytes scored
 * by the xgboost flavor's evaluator. {@code predict_proba} stacks {@code 1 - p, p} (float32) for a
 * binary objective, as xgboost's {@code _cls_predict_proba} does.
 */
final class XgboostEstimator implements Estimator {
    private static final String REGRESSOR = "xgboost.sklearn.XGBRegressor";

    private final String name;
    private final Predictor predict;
    /** The booster's transformed outputs (probabilities for a classifier); null for a regressor. */
    private final Predictor outputs;

    private XgboostEstimator(EstimatorState s, boolean classifier) {
        this.name = s.shortName();
        PyObject booster = s.pyObject("_Booster");
        if (!booster.className().equals("xgboost.core.Booster") || !(booster.state().get("handle") instanceof byte[] handle)) {
            throw s.invalid("_Booster", "is not a pickled xgboost Booster");
        }
        this.predict = XgboostFlavor.pickledBooster(handle, s.className());
        this.outputs = classifier ? XgboostFlavor.pickledBooster(handle, REGRESSOR) : null;
        if (classifier && s.string("objective", "").equals("multi:softmax")) {
            throw s.unsupported("objective multi:softmax");
        }
    }

    static XgboostEstimator classifier(EstimatorState s) {
        return new XgboostEstimator(s, true);
    }

    static XgboostEstimator regressor(EstimatorState s) {
        return new XgboostEstimator(s, false);
    }

    @Override
    public String name() {
        return name;
    }

    /** The DataFrame or ndarray xgboost's {@code inplace_predict} receives. */
    private static Input input(Table x) {
        if (x.isFrame()) {
            return new Frame(x.names(), x.columns(), x.rows());
        }
        int n = x.rows();
        int k = x.width();
        double[] values = new double[n * k];
        for (int j = 0; j < k; j++) {
            double[] col = InputCheck.toDoubles(x.columns().get(j));
            for (int i = 0; i < n; i++) {
                values[i * k + j] = col[i];
            }
        }
        return new Tensor(new DoubleColumn(values, Dtype.FLOAT64), n, k);
    }

    @Override
    public Tensor predict(Table x) {
        return (Tensor) predict.predict(input(x), Params.NONE);
    }

    /** The xgboost wrappers have no predict_log_proba. */
    @Override
    public Tensor predictLogProba(Table x) {
        throw missing("predict_log_proba");
    }

    @Override
    public Tensor predictProba(Table x) {
        if (outputs == null) {
            throw missing("predict_proba");
        }
        Tensor p = (Tensor) outputs.predict(input(x), Params.NONE);
        if (p.rank() == 2) {
            return p;
        }
        double[] one = EnsembleMembers.values(p);
        double[] both = new double[one.length * 2];
        for (int i = 0; i < one.length; i++) {
            both[i * 2] = (float) (1.0f - (float) one[i]);
            both[i * 2 + 1] = one[i];
        }
        return new Tensor(new DoubleColumn(both, Dtype.FLOAT32), one.length, 2);
    }
}
