package dev.modelport.flavor.sklearn;

import dev.modelport.data.Tensor;
import dev.modelport.flavor.sklearn.pickle.PyFunction;
import dev.modelport.flavor.sklearn.pickle.PyObject;
import java.util.function.DoubleUnaryOperator;

/**
 * TransformedTargetRegressor: the regressor's predictions through {@code transformer_.inverse_transform},
 * where the transformer is a FunctionTransformer whose {@code inverse_func} is one of the allowlisted
 * numpy ufuncs (or none: the identity), or a StandardScaler.
 */
final class TransformedTarget implements Estimator {
    private final Estimator regressor;
    /** Null for the StandardScaler. */
    private final DoubleUnaryOperator inverseFunc;
    private final StandardScaler scaler;
    private final boolean trainedOnVector;

    TransformedTarget(EstimatorState s, EstimatorCompiler compiler) {
        this.regressor = compiler.estimator(s.pyObject("regressor_"));
        PyObject transformer = s.pyObject("transformer_");
        if (transformer.className().equals("sklearn.preprocessing._function_transformer.FunctionTransformer")) {
            this.inverseFunc = ufunc(s, transformer.state().get("inverse_func"));
            this.scaler = null;
        } else if (transformer.className().equals("sklearn.preprocessing._data.StandardScaler")) {
            this.inverseFunc = null;
            this.scaler = new StandardScaler(new EstimatorState(transformer));
        } else {
            throw s.unsupported("transformer " + transformer.className());
        }
        this.trainedOnVector = s.integer("_training_dim") == 1;
    }

    private static DoubleUnaryOperator ufunc(EstimatorState s, Object func) {
        if (func == null) {
            return DoubleUnaryOperator.identity();
        }
        DoubleUnaryOperator ufunc = func instanceof PyFunction f ? FunctionTransformer.ufunc(f.name()) : null;
        if (ufunc == null) {
            throw s.unsupported("inverse_func " + func + " (only numpy ufuncs are)");
        }
        return ufunc;
    }

    @Override
    public String name() {
        return "TransformedTargetRegressor";
    }

    @Override
    public Tensor predict(Table x) {
        Tensor pred = regressor.predict(x);
        double[] v = EnsembleMembers.values(pred).clone();
        int n = pred.dim(0);
        int k = pred.rank() == 1 ? 1 : pred.dim(1);
        if (scaler != null) {
            scaler.inverse(v, k);
        } else {
            for (int i = 0; i < v.length; i++) {
                v[i] = inverseFunc.applyAsDouble(v[i]);
            }
        }
        return trainedOnVector && k == 1 ? Activations.vector(v) : Activations.matrix(v, n, k);
    }
}
