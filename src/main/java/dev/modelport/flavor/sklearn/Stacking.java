package dev.modelport.flavor.sklearn;

import dev.modelport.data.Column;
import dev.modelport.data.DoubleColumn;
import dev.modelport.data.Dtype;
import dev.modelport.data.Tensor;
import dev.modelport.flavor.sklearn.pickle.PyObject;
import java.util.ArrayList;
import java.util.List;

/**
 * StackingClassifier / StackingRegressor: each member's {@code stack_method_} output becomes columns
 * of the final estimator's input (the first probability column dropped for two classes), followed
 * by X itself when {@code passthrough}; the classifier maps the final estimator's encoded labels
 * back to {@code classes_}.
 */
final class Stacking implements Estimator {
    private final String name;
    private final List<Estimator> estimators;
    private final List<PredictMethod> methods;
    private final Estimator finalEstimator;
    private final boolean passthrough;
    private final ClassLabels classes;

    private Stacking(EstimatorState s, EstimatorCompiler compiler, boolean classifier) {
        this.name = s.shortName();
        List<?> fitted = s.list("estimators_");
        List<?> stackMethods = s.list("stack_method_");
        if (fitted.size() != stackMethods.size()) {
            throw s.invalid("stack_method_", "does not hold one method per estimator");
        }
        List<Estimator> members = new ArrayList<>();
        List<PredictMethod> how = new ArrayList<>();
        for (int i = 0; i < fitted.size(); i++) {
            if ("drop".equals(fitted.get(i))) {
                continue;
            }
            if (!(fitted.get(i) instanceof PyObject) || !(stackMethods.get(i) instanceof String method)) {
                throw s.invalid("estimators_", "holds a non-estimator");
            }
            members.add(compiler.estimator(fitted.get(i)));
            how.add(PredictMethod.of(method));
        }
        if (members.isEmpty()) {
            throw s.invalid("estimators_", "is empty");
        }
        this.estimators = List.copyOf(members);
        this.methods = List.copyOf(how);
        this.finalEstimator = compiler.estimator(s.pyObject("final_estimator_"));
        this.passthrough = s.bool("passthrough", false);
        this.classes = classifier ? ClassLabels.of(s.array("classes_")) : null;
    }

    static Stacking classifier(EstimatorState s, EstimatorCompiler compiler) {
        return new Stacking(s, compiler, true);
    }

    static Stacking regressor(EstimatorState s, EstimatorCompiler compiler) {
        return new Stacking(s, compiler, false);
    }

    @Override
    public String name() {
        return name;
    }

    /** {@code transform(X)}: the final estimator's input, as a numpy array. */
    private Table metaFeatures(Table x) {
        List<Column> columns = new ArrayList<>();
        int n = x.rows();
        for (int e = 0; e < estimators.size(); e++) {
            PredictMethod method = methods.get(e);
            Tensor out = method.apply(estimators.get(e), x);
            double[] v = EnsembleMembers.values(out);
            int k = out.rank() == 1 ? 1 : out.dim(1);
            int first = method == PredictMethod.PREDICT_PROBA && classes != null && classes.size() == 2 && k > 1 ? 1 : 0;
            for (int j = first; j < k; j++) {
                double[] col = new double[n];
                for (int i = 0; i < n; i++) {
                    col[i] = v[i * k + j];
                }
                columns.add(new DoubleColumn(col, Dtype.FLOAT64));
            }
        }
        if (passthrough) {
            columns.addAll(x.columns());
        }
        return Table.ofArray(columns, n);
    }

    @Override
    public Tensor predict(Table x) {
        Tensor y = finalEstimator.predict(metaFeatures(x));
        if (classes == null) {
            return y;
        }
        double[] encoded = EnsembleMembers.values(y);
        int[] idx = new int[encoded.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = (int) encoded[i];
            if (idx[i] != encoded[i] || idx[i] < 0 || idx[i] >= classes.size()) {
                throw new IllegalStateException(name + " final estimator predicted a label outside its encoded classes");
            }
        }
        return classes.take(idx);
    }

    @Override
    public Tensor predictProba(Table x) {
        if (classes == null) {
            throw missing("predict_proba");
        }
        return finalEstimator.predictProba(metaFeatures(x));
    }

    /** Stacking has no predict_log_proba. */
    @Override
    public Tensor predictLogProba(Table x) {
        throw missing("predict_log_proba");
    }

    @Override
    public Tensor decisionFunction(Table x) {
        if (classes == null) {
            throw missing("decision_function");
        }
        return finalEstimator.decisionFunction(metaFeatures(x));
    }
}
