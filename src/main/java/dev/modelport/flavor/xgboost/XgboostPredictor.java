package dev.modelport.flavor.xgboost;

import dev.modelport.data.DoubleColumn;
import dev.modelport.data.Dtype;
import dev.modelport.data.Frame;
import dev.modelport.data.Input;
import dev.modelport.data.LongColumn;
import dev.modelport.data.Output;
import dev.modelport.data.Params;
import dev.modelport.data.Tensor;
import dev.modelport.data.TensorMap;
import dev.modelport.flavor.RowByRowPredictor;
import dev.modelport.flavor.tree.FeatureMatrix;
import dev.modelport.flavor.tree.TreeEnsemble;
import dev.modelport.python.PythonRepr;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Predicts as MLflow's xgboost pyfunc does with xgboost: inputs rounded to float32, margins summed
 * in float32 starting from the base margin, the objective's transform in float32; for sklearn-API
 * classes the wrapper's {@code predict} (best iteration, class labels). Immutable and thread-safe.
 */
final class XgboostPredictor implements RowByRowPredictor {
    private final XgboostModel model;
    private final ModelClass modelClass;
    /** Trees used: all for a Booster, up to best_iteration for the sklearn wrappers. */
    private final int treeEnd;

    XgboostPredictor(XgboostModel model, ModelClass modelClass) {
        this.model = model;
        this.modelClass = modelClass;
        this.treeEnd = switch (model.booster()) {
            case XgboostBooster.Trees trees -> {
                int iterations = trees.iterations();
                if (modelClass != ModelClass.BOOSTER && model.bestIteration().isPresent()) {
                    iterations = Math.min(iterations, Math.max(0, model.bestIteration().getAsInt() + 1));
                }
                yield trees.iterationStart()[iterations];
            }
            case XgboostBooster.Linear linear -> 0;
        };
    }

    @Override
    public Output predict(Input input, Params params) {
        FeatureMatrix x = features(input);
        int rows = x.rows();
        int groups = model.groups();
        float[] margins = margins(x);
        boolean perClass = groups > 1 && model.objective() != Objective.SOFTMAX;
        int width = perClass ? groups : 1;
        float[] out = new float[rows * width];
        for (int r = 0; r < rows; r++) {
            model.objective().transform(margins, r * groups, groups, out, r * width);
        }
        if (modelClass == ModelClass.SKLEARN_CLASSIFIER) {
            return labels(out, rows, width);
        }
        double[] widened = new double[out.length];
        for (int i = 0; i < out.length; i++) {
            widened[i] = out[i];
        }
        DoubleColumn column = new DoubleColumn(widened, Dtype.FLOAT32);
        return perClass ? new Tensor(column, rows, groups) : new Tensor(column, rows);
    }

    /** XGBClassifier.predict: argmax for multi-class, int32 of multi:softmax, {@code p > 0.5} for binary. */
    private Output labels(float[] out, int rows, int width) {
        if (model.objective() == Objective.SOFTMAX) {
            long[] labels = new long[rows];
            for (int r = 0; r < rows; r++) {
                labels[r] = (long) out[r];
            }
            return new Tensor(new LongColumn(labels, Dtype.INT32), rows);
        }
        long[] labels = new long[rows];
        for (int r = 0; r < rows; r++) {
            if (width > 1) {
                int best = 0;
                for (int g = 1; g < width; g++) {
                    if (out[r * width + g] > out[r * width + best]) {
                        best = g;
                    }
                }
                labels[r] = best;
            } else {
                labels[r] = out[r] > 0.5f ? 1 : 0;
            }
        }
        return new Tensor(new LongColumn(labels, Dtype.INT64), rows);
    }

    private float[] margins(FeatureMatrix x) {
        int rows = x.rows();
        int cols = x.columns();
        int groups = model.groups();
        float[] base = model.baseMargins();
        float[] margins = new float[rows * groups];
        double[] values = x.values();
        switch (model.booster()) {
            case XgboostBooster.Trees trees -> {
                TreeEnsemble ensemble = trees.trees();
                int[] treeGroup = trees.treeGroup();
                float[] weights = trees.weights();
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(base, 0, margins, r * groups, groups);
                }
                // Blocks of rows walk each tree in turn while its nodes are still in cache (as XGBoost's own
                // predictor does); every row still sums its trees in tree order, so the float32 sums are the same.
                ensemble.sumLeaves(x, treeEnd, (leaves, start, end, from, to) -> {
                    int n = end - start;
                    for (int r = start; r < end; r++) {
                        if (groups == 1) { // one sum in a register, not a chain of stores and loads
                            float margin = margins[r];
                            for (int t = from, at = r - start; t < to; t++, at += n) {
                                margin += weighted((float) leaves[at], weights[t]);
                            }
                            margins[r] = margin;
                            continue;
                        }
                        for (int t = from, at = r - start; t < to; t++, at += n) {
                            margins[r * groups + treeGroup[t]] += weighted((float) leaves[at], weights[t]);
                        }
                    }
                });
            }
            case XgboostBooster.Linear linear -> {
                float[] w = linear.weights();
                int features = linear.features();
                for (int r = 0; r < rows; r++) {
                    for (int g = 0; g < groups; g++) {
                        float sum = w[features * groups + g] + base[g];
                        for (int f = 0; f < Math.min(features, cols); f++) {
                            double v = values[r * cols + f];
                            if (!Double.isNaN(v)) {
                                sum += (float) v * w[f * groups + g];
                            }
                        }
                        margins[r * groups + g] = sum;
                    }
                }
            }
        }
        return margins;
    }

    /** A tree's leaf in the margin: weighted only by DART, where it is not 1. */
    private static float weighted(float leaf, float weight) {
        return weight == 1.0f ? leaf : leaf * weight;
    }

    /** The input as DMatrix would see it: float32 values, feature names checked, short rows padded with NaN. */
    private FeatureMatrix features(Input input) {
        FeatureMatrix x = switch (input) {
            case Frame frame -> {
                List<String> bad = FeatureMatrix.nonNumericColumns(frame);
                if (!bad.isEmpty()) {
                    throw new IllegalArgumentException("DataFrame.dtypes for data must be int, float, bool or category. When categorical "
                            + "type is supplied, The experimental DMatrix parameter`enable_categorical` must be set to `True`.  Invalid columns:"
                            + String.join(", ", bad));
                }
                checkFeatureNames(frame.names());
                yield FeatureMatrix.fromFrame(frame, true);
            }
            case Tensor tensor -> {
                if (tensor.rank() != 2) {
                    throw new IllegalArgumentException("Expecting 2 dimensional numpy.ndarray, got: " + PythonRepr.tuple(tensor.shape()));
                }
                if (!model.featureNames().isEmpty()) {
                    throw new IllegalArgumentException("training data did not have the following fields: "
                            + String.join(", ", model.featureNames()));
                }
                yield FeatureMatrix.fromMatrix(tensor, true);
            }
            case TensorMap map -> throw new IllegalArgumentException("Not supported type for data.<class 'dict'>");
        };
        if (x.columns() > model.features()) {
            throw new IllegalArgumentException("Check failed: learner_model_param_.num_feature >= p_fmat->Info().num_col_ ("
                    + model.features() + " vs. " + x.columns() + ") : Number of columns does not match number of features in booster.");
        }
        return x.columns() == model.features() ? x : pad(x, model.features());
    }

    private void checkFeatureNames(List<String> names) {
        List<String> expected = model.featureNames();
        if (expected.isEmpty() || expected.equals(names)) {
            return;
        }
        Set<String> dataMissing = new LinkedHashSet<>(expected);
        dataMissing.removeAll(names);
        Set<String> modelMissing = new LinkedHashSet<>(names);
        modelMissing.removeAll(expected);
        StringBuilder message = new StringBuilder("feature_names mismatch: ").append(PythonRepr.list(expected)).append(' ')
                .append(PythonRepr.list(names));
        if (!dataMissing.isEmpty()) {
            message.append("\nexpected ").append(String.join(", ", dataMissing)).append(" in input data");
        }
        if (!modelMissing.isEmpty()) {
            message.append("\ntraining data did not have the following fields: ").append(String.join(", ", modelMissing));
        }
        throw new IllegalArgumentException(message.toString());
    }

    private static FeatureMatrix pad(FeatureMatrix x, int features) {
        double[] values = new double[x.rows() * features];
        Arrays.fill(values, Double.NaN);
        for (int r = 0; r < x.rows(); r++) {
            System.arraycopy(x.values(), r * x.columns(), values, r * features, x.columns());
        }
        return new FeatureMatrix(values, x.rows(), features);
    }
}
