package dev.modelport.flavor.sklearn;

import dev.modelport.data.Column;
import dev.modelport.data.DoubleColumn;
import dev.modelport.data.Dtype;
import dev.modelport.data.Tensor;
import dev.modelport.flavor.sklearn.pickle.NdArray;
import dev.modelport.flavor.sklearn.pickle.PyObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * BaggingClassifier / BaggingRegressor: every base estimator (of any supported kind) sees its own
 * columns {@code estimators_features_[i]} of X; classifiers average probabilities (or votes, for a
 * base without predict_proba) over the classes each estimator saw, regressors average predictions.
 */
final class Bagging implements Estimator {
    private final String name;
    private final InputCheck check;
    private final List<Estimator> estimators;
    private final int[][] features;
    /** Per estimator, the encoded class of each of its own classes (null for a regressor). */
    private final int[][] classMaps;
    private final ClassLabels classes;
    private final int nClasses;

    private Bagging(EstimatorState s, EstimatorCompiler compiler, boolean classifier) {
        this.name = s.shortName();
        this.check = InputCheck.of(s);
        this.estimators = EnsembleMembers.compile(s, compiler, "estimators_");
        List<?> featureLists = s.list("estimators_features_");
        if (featureLists.size() != estimators.size()) {
            throw s.invalid("estimators_features_", "does not hold one feature list per estimator");
        }
        this.features = new int[estimators.size()][];
        for (int e = 0; e < features.length; e++) {
            if (!(featureLists.get(e) instanceof NdArray a) || a.ndim() != 1) {
                throw s.invalid("estimators_features_", "holds a non-array");
            }
            long[] f = a.longs();
            features[e] = new int[f.length];
            for (int j = 0; j < f.length; j++) {
                if (f[j] < 0 || s.nFeaturesIn() >= 0 && f[j] >= s.nFeaturesIn()) {
                    throw s.invalid("estimators_features_", "names feature " + f[j] + " outside the input");
                }
                features[e][j] = (int) f[j];
            }
        }
        if (classifier) {
            this.classes = ClassLabels.of(s.array("classes_"));
            this.nClasses = classes.size();
            this.classMaps = new int[estimators.size()][];
            List<?> fitted = s.list("estimators_");
            for (int e = 0; e < classMaps.length; e++) {
                EstimatorState base = new EstimatorState((PyObject) fitted.get(e));
                long[] seen = base.array("classes_").longs();
                classMaps[e] = new int[seen.length];
                for (int c = 0; c < seen.length; c++) {
                    if (seen[c] < 0 || seen[c] >= nClasses) {
                        throw base.invalid("classes_", "holds an encoded class outside 0.." + (nClasses - 1));
                    }
                    classMaps[e][c] = (int) seen[c];
                }
            }
        } else {
            this.classes = null;
            this.nClasses = 0;
            this.classMaps = null;
        }
    }

    static Bagging classifier(EstimatorState s, EstimatorCompiler compiler) {
        return new Bagging(s, compiler, true);
    }

    static Bagging regressor(EstimatorState s, EstimatorCompiler compiler) {
        return new Bagging(s, compiler, false);
    }

    @Override
    public String name() {
        return name;
    }

    /** {@code _validate_data(X, dtype=None, force_all_finite=False)}, then {@code X[:, features]} per estimator. */
    private Table validate(Table x) {
        check.checkNames(x);
        check.checkSamples(x);
        check.checkFeatureCount(x.width());
        return x;
    }

    private Table columns(Table x, int e) {
        List<Column> cols = new ArrayList<>(features[e].length);
        for (int f : features[e]) {
            cols.add(x.columns().get(f));
        }
        return Table.ofArray(cols, x.rows());
    }

    @Override
    public Tensor predictProba(Table x) {
        if (classes == null) {
            throw missing("predict_proba");
        }
        Table v = validate(x);
        int n = v.rows();
        double[] proba = new double[n * nClasses];
        for (int e = 0; e < estimators.size(); e++) {
            Table sub = columns(v, e);
            int[] map = classMaps[e];
            Estimator est = estimators.get(e);
            Tensor p;
            try {
                p = est.predictProba(sub);
            } catch (UnsupportedOperationException noProba) {
                double[] predicted = EnsembleMembers.values(est.predict(sub));
                for (int i = 0; i < n; i++) {
                    proba[i * nClasses + (int) predicted[i]] += 1;
                }
                continue;
            }
            double[] pe = EnsembleMembers.values(p);
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < map.length; c++) {
                    proba[i * nClasses + map[c]] += pe[i * map.length + c];
                }
            }
        }
        for (int i = 0; i < proba.length; i++) {
            proba[i] /= estimators.size();
        }
        return Activations.matrix(proba, n, nClasses);
    }

    @Override
    public Tensor predict(Table x) {
        if (classes == null) {
            Table v = validate(x);
            double[] sum = null;
            for (int e = 0; e < estimators.size(); e++) {
                double[] y = EnsembleMembers.values(estimators.get(e).predict(columns(v, e)));
                sum = add(sum, y);
            }
            for (int i = 0; i < sum.length; i++) {
                sum[i] /= estimators.size();
            }
            return Activations.vector(sum);
        }
        double[] p = EnsembleMembers.values(predictProba(x));
        int n = x.rows();
        return classes.take(Activations.argmaxRows(p, n, nClasses));
    }

    /**
     * With bases that have predict_log_proba, {@code np.logaddexp} of their log-probabilities minus
     * {@code log(n_estimators)}, as scikit-learn computes it; otherwise the log of predict_proba.
     */
    @Override
    public Tensor predictLogProba(Table x) {
        if (classes == null) {
            throw missing("predict_log_proba");
        }
        Table v = validate(x);
        int n = v.rows();
        double[] logProba = new double[n * nClasses];
        Arrays.fill(logProba, Double.NEGATIVE_INFINITY);
        for (int e = 0; e < estimators.size(); e++) {
            double[] le;
            try {
                le = EnsembleMembers.values(estimators.get(e).predictLogProba(columns(v, e)));
            } catch (UnsupportedOperationException noLogProba) {
                return Activations.log(predictProba(x));
            }
            int[] map = classMaps[e];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < map.length; c++) {
                    int at = i * nClasses + map[c];
                    logProba[at] = logAddExp(logProba[at], le[i * map.length + c]);
                }
            }
        }
        double logCount = Math.log(estimators.size());
        for (int i = 0; i < logProba.length; i++) {
            logProba[i] -= logCount;
        }
        return Activations.matrix(logProba, n, nClasses);
    }

    /** {@code np.logaddexp}. */
    private static double logAddExp(double a, double b) {
        if (a == b) {
            return a + Math.log(2);
        }
        double d = a - b;
        if (d > 0) {
            return a + Math.log1p(Math.exp(-d));
        }
        return d <= 0 ? b + Math.log1p(Math.exp(d)) : d;
    }

    /** Average of the base decision functions. */
    @Override
    public Tensor decisionFunction(Table x) {
        if (classes == null) {
            throw missing("decision_function");
        }
        Table v = validate(x);
        double[] sum = null;
        int[] shape = null;
        for (int e = 0; e < estimators.size(); e++) {
            Tensor d = estimators.get(e).decisionFunction(columns(v, e));
            shape = d.shape();
            sum = add(sum, EnsembleMembers.values(d));
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] /= estimators.size();
        }
        return new Tensor(new DoubleColumn(sum, Dtype.FLOAT64), shape);
    }

    private static double[] add(double[] sum, double[] y) {
        if (sum == null) {
            return y.clone();
        }
        if (sum.length != y.length) {
            throw new IllegalStateException("base estimators disagree on the output shape");
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] += y[i];
        }
        return sum;
    }
}
