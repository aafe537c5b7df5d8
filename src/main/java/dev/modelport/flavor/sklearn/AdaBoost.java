package dev.modelport.flavor.sklearn;

import dev.modelport.data.Column;
import dev.modelport.data.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * AdaBoostClassifier (SAMME: weighted votes; SAMME.R: summed symmetric log-probabilities) and
 * AdaBoostRegressor (the weighted median of its regressors), over base estimators of any supported
 * kind, in {@code estimators_} order.
 */
final class AdaBoost implements Estimator {
    private static final double EPS = Math.ulp(1.0);

    private final String name;
    private final InputCheck check;
    private final List<Estimator> estimators;
    private final double[] weights;
    private final boolean sammeR;
    private final ClassLabels classes;
    private final Tensor classValues;
    private final int nClasses;

    private AdaBoost(EstimatorState s, EstimatorCompiler compiler, boolean classifier) {
        this.name = s.shortName();
        this.check = InputCheck.of(s);
        this.estimators = EnsembleMembers.compile(s, compiler, "estimators_");
        double[] w = s.array("estimator_weights_").doubles();
        if (w.length < estimators.size()) {
            throw s.invalid("estimator_weights_", "has fewer weights than estimators");
        }
        // Boosting that stopped early leaves zero weights behind; estimators_ holds only the fitted ones.
        this.weights = Arrays.copyOf(w, estimators.size());
        if (classifier) {
            this.classes = ClassLabels.of(s.array("classes_"));
            this.nClasses = classes.size();
            int[] all = new int[nClasses];
            Arrays.setAll(all, i -> i);
            this.classValues = classes.take(all);
            String algorithm = s.string("algorithm");
            if (!algorithm.equals("SAMME") && !algorithm.equals("SAMME.R")) {
                throw s.unsupported("algorithm " + algorithm);
            }
            this.sammeR = algorithm.equals("SAMME.R");
        } else {
            this.classes = null;
            this.classValues = null;
            this.nClasses = 0;
            this.sammeR = false;
        }
    }

    static AdaBoost classifier(EstimatorState s, EstimatorCompiler compiler) {
        return new AdaBoost(s, compiler, true);
    }

    static AdaBoost regressor(EstimatorState s, EstimatorCompiler compiler) {
        return new AdaBoost(s, compiler, false);
    }

    @Override
    public String name() {
        return name;
    }

    /** {@code _check_X}: checked as numbers (finite, width, names), passed on as they are ({@code dtype=None}). */
    private Table validate(Table x) {
        check.doubles(x, false, false);
        return Table.ofArray(x.columns(), x.rows());
    }

    /** The summed decision, row-major (n, nClasses), before the binary case folds it to one column. */
    private double[] votes(Table x) {
        int n = x.rows();
        double[] pred = new double[n * nClasses];
        for (int e = 0; e < estimators.size(); e++) {
            Estimator est = estimators.get(e);
            if (sammeR) {
                double[] proba = EnsembleMembers.values(est.predictProba(x));
                double[] log = new double[nClasses];
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < nClasses; c++) {
                        log[c] = Math.log(Math.max(proba[i * nClasses + c], EPS));
                    }
                    double mean = PairwiseSum.of(log) * (1.0 / nClasses);
                    for (int c = 0; c < nClasses; c++) {
                        pred[i * nClasses + c] += (nClasses - 1) * (log[c] - mean);
                    }
                }
            } else {
                Column predicted = est.predict(x).values();
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < nClasses; c++) {
                        pred[i * nClasses + c] += sameLabel(predicted, i, classValues.values(), c) ? weights[e] : 0.0;
                    }
                }
            }
        }
        double total = PairwiseSum.of(weights);
        for (int i = 0; i < pred.length; i++) {
            pred[i] /= total;
        }
        return pred;
    }

    private static boolean sameLabel(Column a, int i, Column b, int j) {
        Object x = a.get(i);
        Object y = b.get(j);
        if (x instanceof Number p && y instanceof Number q) {
            return p.doubleValue() == q.doubleValue();
        }
        return x != null && x.equals(y);
    }

    @Override
    public Tensor decisionFunction(Table x) {
        if (classes == null) {
            throw missing("decision_function");
        }
        Table v = validate(x);
        double[] pred = votes(v);
        int n = v.rows();
        if (nClasses != 2) {
            return Activations.matrix(pred, n, nClasses);
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = -pred[i * 2] + pred[i * 2 + 1];
        }
        return Activations.vector(out);
    }

    @Override
    public Tensor predict(Table x) {
        if (classes == null) {
            return Activations.vector(weightedMedian(validate(x)));
        }
        double[] decision = EnsembleMembers.values(decisionFunction(x));
        int n = x.rows();
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = nClasses == 2 ? (decision[i] > 0 ? 1 : 0) : Activations.argmax(decision, i * nClasses, nClasses);
        }
        return classes.take(idx);
    }

    /** {@code _compute_proba_from_decision}: softmax of decision / (K - 1), or of [-d, d] / 2 for two classes. */
    @Override
    public Tensor predictProba(Table x) {
        if (classes == null) {
            throw missing("predict_proba");
        }
        double[] decision = EnsembleMembers.values(decisionFunction(x));
        int n = x.rows();
        double[] p = new double[n * nClasses];
        for (int i = 0; i < n; i++) {
            if (nClasses == 2) {
                p[i * 2] = -decision[i] / 2;
                p[i * 2 + 1] = decision[i] / 2;
            } else {
                for (int c = 0; c < nClasses; c++) {
                    p[i * nClasses + c] = decision[i * nClasses + c] / (nClasses - 1);
                }
            }
        }
        Activations.softmax(p, n, nClasses);
        return Activations.matrix(p, n, nClasses);
    }

    /** {@code _get_median_predict}: the prediction where the cumulative weight, in sorted order, reaches half. */
    private double[] weightedMedian(Table x) {
        int n = x.rows();
        int m = estimators.size();
        double[][] predictions = new double[m][];
        for (int e = 0; e < m; e++) {
            predictions[e] = EnsembleMembers.values(estimators.get(e).predict(x));
        }
        double[] out = new double[n];
        Integer[] order = new Integer[m];
        for (int i = 0; i < n; i++) {
            final int row = i;
            for (int e = 0; e < m; e++) {
                order[e] = e;
            }
            // np.argsort's default quicksort is not stable; ties between equal predictions pick the same value anyway.
            Arrays.sort(order, (a, b) -> Double.compare(predictions[a][row], predictions[b][row]));
            double[] cdf = new double[m];
            double acc = 0;
            for (int e = 0; e < m; e++) {
                acc += weights[order[e]];
                cdf[e] = acc;
            }
            int median = 0;
            while (median < m - 1 && !(cdf[median] >= 0.5 * cdf[m - 1])) {
                median++;
            }
            out[i] = predictions[order[median]][row];
        }
        return out;
    }
}
