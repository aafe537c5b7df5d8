package dev.modelport.flavor.lightgbm;

import dev.modelport.data.DoubleColumn;
import dev.modelport.data.Dtype;
import dev.modelport.data.Frame;
import dev.modelport.data.Input;
import dev.modelport.data.ObjectColumn;
import dev.modelport.data.Output;
import dev.modelport.data.Params;
import dev.modelport.data.Tensor;
import dev.modelport.data.TensorMap;
import dev.modelport.flavor.RowByRowPredictor;
import dev.modelport.flavor.tree.FeatureMatrix;
import dev.modelport.flavor.tree.TreeEnsemble;
import java.util.List;

/**
 * Predicts as MLflow's lightgbm pyfunc does, {@code booster.predict(data)} on a Booster: every
 * tree, scores summed in double in tree order, averaged for random forests, then the objective's
 * conversion; float64 predictions, one per row, or {@code [rows, classes]} for several classes.
 * Immutable and thread-safe.
 */
final class LightgbmPredictor implements RowByRowPredictor {
    private final LightgbmModel model;

    LightgbmPredictor(LightgbmModel model) {
        this.model = model;
    }

    @Override
    public Output predict(Input input, Params params) {
        FeatureMatrix x = features(input);
        int rows = x.rows();
        int cols = x.columns();
        int classes = model.treesPerIteration();
        double[] values = x.values();
        TreeEnsemble trees = model.trees();
        LinearLeaves linear = model.linear();
        double[] scores = new double[rows * classes];
        if (linear.isEmpty()) {
            trees.addLeafValues(x, classes, scores);
        } else {
            for (int r = 0; r < rows; r++) {
                int offset = r * cols;
                for (int t = 0; t < trees.treeCount(); t++) {
                    int leaf = trees.leaf(t, values, offset);
                    double value = trees.leafValue(leaf);
                    scores[r * classes + t % classes] += linear.isLinear(t) ? linear.predict(leaf, value, values, offset) : value;
                }
            }
        }
        for (int r = 0; r < rows; r++) {
            if (model.averageOutput()) {
                for (int k = 0; k < classes; k++) {
                    scores[r * classes + k] /= model.iterations();
                }
            }
            model.objective().convert(scores, r * classes);
        }
        DoubleColumn column = new DoubleColumn(scores, Dtype.FLOAT64);
        // Booster.predict reshapes to [rows, classes] only when there are more scores than rows
        return classes > 1 && rows > 0 ? new Tensor(column, rows, classes) : new Tensor(column, rows * classes);
    }

    /** The input as Booster.predict converts it, refused with the Python package's words where it refuses it. */
    private FeatureMatrix features(Input input) {
        FeatureMatrix x = switch (input) {
            case Frame frame -> {
                if (frame.rows() < 1) {
                    throw new IllegalArgumentException("Input data must be 2 dimensional and non empty.");
                }
                if (model.pandasCategorical()) {
                    // JSON never decodes to pandas category columns, so a model trained on them fails in MLflow too
                    throw new IllegalArgumentException("train and valid dataset categorical_feature do not match.");
                }
                List<String> bad = FeatureMatrix.nonNumericColumns(frame);
                if (!bad.isEmpty()) {
                    throw new IllegalArgumentException("pandas dtypes must be int, float or bool.\nFields with bad pandas dtypes: "
                            + String.join(", ", bad));
                }
                // np.result_type of the columns and float32 holds every int, float and bool value exactly
                yield FeatureMatrix.fromFrame(frame, false);
            }
            case Tensor tensor -> {
                if (tensor.rank() != 2) {
                    throw new IllegalArgumentException("Input numpy.ndarray or list must be 2 dimensional");
                }
                if (tensor.values() instanceof ObjectColumn o) {
                    throw new IllegalArgumentException("could not convert an array of dtype " + o.dtype().numpyName() + " to float32");
                }
                // an array that is not float32 or float64 is converted to float32
                boolean float64 = tensor.dtype() == Dtype.FLOAT64 || tensor.dtype() == Dtype.FLOAT32;
                yield FeatureMatrix.fromMatrix(tensor, !float64);
            }
            case TensorMap map -> throw new IllegalArgumentException("Cannot predict data for type dict");
        };
        if (x.columns() != model.features()) {
            throw new IllegalArgumentException("The number of features in data (" + x.columns() + ") is not the same as it was in"
                    + " training data (" + model.features() + ").\nYou can set ``predict_disable_shape_check=true`` to discard this error,"
                    + " but please be aware what you are doing.");
        }
        asLightgbmReadsThem(x.values(), x.columns());
        return x;
    }

    /**
     * LightGBM's predictor keeps only values with |x| > kZeroThreshold (or NaN) and reads the rest
     * as 0.0; a category is {@code (int) x}, so one in (-1, 0) is category 0, not negative.
     */
    private void asLightgbmReadsThem(double[] values, int cols) {
        boolean[] categorical = model.categorical();
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (Math.abs(v) <= TreeEnsemble.ZERO_THRESHOLD || (v < 0 && v > -1 && categorical[i % cols])) {
                values[i] = 0.0;
            }
        }
    }
}
