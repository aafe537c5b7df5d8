package dev.modelport.flavor.sklearn;

import dev.modelport.ModelportException;
import dev.modelport.flavor.sklearn.pickle.PyObject;
import dev.modelport.flavor.sklearn.pickle.PyTuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Turns unpickled scikit-learn objects into compiled {@link Estimator}s and {@link Transformer}s.
 * Each supported class is one entry of a table (class name → factory), so a new estimator is one
 * class plus one line here; classes that only appear inside others (trees, losses, KD-trees) are
 * allowlisted for the unpickler but not compiled on their own.
 */
final class EstimatorCompiler {
    private static final String TREE = "sklearn.tree._classes.";
    private static final String FOREST = "sklearn.ensemble._forest.";
    private static final String GB = "sklearn.ensemble._gb.";
    private static final String HGB = "sklearn.ensemble._hist_gradient_boosting.";
    private static final String ENSEMBLE = "sklearn.ensemble.";
    private static final String LOSS = "sklearn._loss.";

    private final Map<String, BiFunction<EstimatorState, EstimatorCompiler, Object>> factories = new LinkedHashMap<>();

    /** Allowlisted for unpickling only: parts of the supported estimators. */
    private static final Set<String> PARTS = Set.of(
            HGB + "predictor.TreePredictor",
            HGB + "binning._BinMapper",
            LOSS + "loss.HalfSquaredError",
            LOSS + "loss.AbsoluteError",
            LOSS + "loss.PinballLoss",
            LOSS + "loss.HalfPoissonLoss",
            LOSS + "loss.HalfBinomialLoss",
            LOSS + "loss.HalfMultinomialLoss",
            LOSS + "link.IdentityLink",
            LOSS + "link.LogLink",
            LOSS + "link.LogitLink",
            LOSS + "link.MultinomialLogit",
            LOSS + "link.Interval",
            // Cython loss objects pickle as __pyx_unpickle_<Class>(<Class>, checksum, state): named, never run.
            LOSS + "_loss.CyHalfSquaredError",
            LOSS + "_loss.CyAbsoluteError",
            LOSS + "_loss.CyPinballLoss",
            LOSS + "_loss.CyHalfPoissonLoss",
            LOSS + "_loss.CyHalfBinomialLoss",
            LOSS + "_loss.CyHalfMultinomialLoss",
            LOSS + "_loss.__pyx_unpickle_CyHalfSquaredError",
            LOSS + "_loss.__pyx_unpickle_CyAbsoluteError",
            LOSS + "_loss.__pyx_unpickle_CyPinballLoss",
            LOSS + "_loss.__pyx_unpickle_CyHalfPoissonLoss",
            LOSS + "_loss.__pyx_unpickle_CyHalfBinomialLoss",
            LOSS + "_loss.__pyx_unpickle_CyHalfMultinomialLoss",
            "sklearn.preprocessing._label.LabelEncoder",
            "xgboost.core.Booster",
            "sklearn.tree._tree.Tree",
            "sklearn.ensemble._gb_losses.BinomialDeviance",
            "sklearn.ensemble._gb_losses.MultinomialDeviance",
            "sklearn.ensemble._gb_losses.ExponentialLoss",
            "sklearn.ensemble._gb_losses.LeastSquaresError",
            "sklearn.ensemble._gb_losses.LeastAbsoluteError",
            "sklearn.ensemble._gb_losses.HuberLossFunction",
            "sklearn.ensemble._gb_losses.QuantileLossFunction",
            "sklearn.neighbors._kd_tree.KDTree",
            "sklearn.neighbors._ball_tree.BallTree",
            "sklearn.metrics._dist_metrics.EuclideanDistance",
            "sklearn.metrics._dist_metrics.ManhattanDistance",
            "sklearn.metrics._dist_metrics.ChebyshevDistance",
            "sklearn.metrics._dist_metrics.MinkowskiDistance",
            // linear, kernel, naive Bayes, clustering, decomposition and preprocessing estimators
            "sklearn.preprocessing._label.LabelBinarizer",
            "sklearn.linear_model._sgd_fast.Hinge",
            "sklearn.linear_model._sgd_fast.SquaredHinge",
            "sklearn.linear_model._sgd_fast.Log",
            "sklearn.linear_model._sgd_fast.ModifiedHuber",
            "sklearn.linear_model._sgd_fast.SquaredLoss",
            "sklearn.linear_model._sgd_fast.Huber",
            "sklearn.linear_model._sgd_fast.EpsilonInsensitive",
            "sklearn.linear_model._sgd_fast.SquaredEpsilonInsensitive");

    EstimatorCompiler() {
        factories.put("sklearn.pipeline.Pipeline", EstimatorCompiler::pipeline);
        factories.put("sklearn.compose._column_transformer.ColumnTransformer", ColumnTransformer::new);
        factories.put("sklearn.preprocessing._data.StandardScaler", (s, c) -> new StandardScaler(s));
        factories.put("sklearn.preprocessing._encoders.OneHotEncoder", (s, c) -> new OneHotEncoder(s));
        factories.put("sklearn.impute._base.SimpleImputer", (s, c) -> new SimpleImputer(s));
        factories.put("sklearn.linear_model._base.LinearRegression", (s, c) -> LinearModel.regressor(s));
        factories.put("sklearn.linear_model._logistic.LogisticRegression", (s, c) -> LinearModel.classifier(s));
        factories.put(TREE + "DecisionTreeClassifier", (s, c) -> DecisionTree.classifier(s));
        factories.put(TREE + "DecisionTreeRegressor", (s, c) -> DecisionTree.regressor(s));
        factories.put(TREE + "ExtraTreeClassifier", (s, c) -> DecisionTree.classifier(s));
        factories.put(TREE + "ExtraTreeRegressor", (s, c) -> DecisionTree.regressor(s));
        factories.put(FOREST + "RandomForestClassifier", (s, c) -> Forest.classifier(s));
        factories.put(FOREST + "RandomForestRegressor", (s, c) -> Forest.regressor(s));
        factories.put(FOREST + "ExtraTreesClassifier", (s, c) -> Forest.classifier(s));
        factories.put(FOREST + "ExtraTreesRegressor", (s, c) -> Forest.regressor(s));
        factories.put(GB + "GradientBoostingClassifier", (s, c) -> GradientBoosting.classifier(s));
        factories.put(GB + "GradientBoostingRegressor", (s, c) -> GradientBoosting.regressor(s));
        factories.put("sklearn.neighbors._classification.KNeighborsClassifier", (s, c) -> KNeighbors.classifier(s));
        factories.put("sklearn.neighbors._regression.KNeighborsRegressor", (s, c) -> KNeighbors.regressor(s));
        factories.put("sklearn.dummy.DummyClassifier", (s, c) -> Dummy.classifier(s));
        factories.put("sklearn.dummy.DummyRegressor", (s, c) -> Dummy.regressor(s));
        factories.put(HGB + "gradient_boosting.HistGradientBoostingClassifier", (s, c) -> HistGradientBoosting.classifier(s));
        factories.put(HGB + "gradient_boosting.HistGradientBoostingRegressor", (s, c) -> HistGradientBoosting.regressor(s));
        factories.put(ENSEMBLE + "_weight_boosting.AdaBoostClassifier", AdaBoost::classifier);
        factories.put(ENSEMBLE + "_weight_boosting.AdaBoostRegressor", AdaBoost::regressor);
        factories.put(ENSEMBLE + "_bagging.BaggingClassifier", Bagging::classifier);
        factories.put(ENSEMBLE + "_bagging.BaggingRegressor", Bagging::regressor);
        factories.put(ENSEMBLE + "_voting.VotingClassifier", Voting::classifier);
        factories.put(ENSEMBLE + "_voting.VotingRegressor", Voting::regressor);
        factories.put(ENSEMBLE + "_stacking.StackingClassifier", Stacking::classifier);
        factories.put(ENSEMBLE + "_stacking.StackingRegressor", Stacking::regressor);
        factories.put(ENSEMBLE + "_iforest.IsolationForest", (s, c) -> new IsolationForest(s));
        factories.put("sklearn.compose._target.TransformedTargetRegressor", TransformedTarget::new);
        factories.put("xgboost.sklearn.XGBClassifier", (s, c) -> XgboostEstimator.classifier(s));
        factories.put("xgboost.sklearn.XGBRegressor", (s, c) -> XgboostEstimator.regressor(s));
        // linear, kernel, naive Bayes, clustering, decomposition and preprocessing estimators
        String linear = "sklearn.linear_model.";
        String preprocessing = "sklearn.preprocessing.";
        factories.put(linear + "_ridge.Ridge", (s, c) -> LinearModel.regressor(s));
        factories.put(linear + "_ridge.RidgeClassifier", (s, c) -> LinearModel.ridgeClassifier(s));
        factories.put(linear + "_coordinate_descent.Lasso", (s, c) -> LinearModel.regressor(s));
        factories.put(linear + "_coordinate_descent.ElasticNet", (s, c) -> LinearModel.regressor(s));
        factories.put(linear + "_stochastic_gradient.SGDClassifier", (s, c) -> LinearModel.sgdClassifier(s));
        factories.put(linear + "_stochastic_gradient.SGDRegressor", (s, c) -> LinearModel.regressor(s));
        factories.put("sklearn.svm._classes.LinearSVC", (s, c) -> LinearModel.marginClassifier(s));
        factories.put("sklearn.svm._classes.LinearSVR", (s, c) -> LinearModel.regressor(s));
        factories.put("sklearn.svm._classes.SVC", (s, c) -> SupportVectorMachine.classifier(s));
        factories.put("sklearn.svm._classes.SVR", (s, c) -> SupportVectorMachine.regressor(s));
        factories.put("sklearn.naive_bayes.GaussianNB", (s, c) -> NaiveBayes.gaussian(s));
        factories.put("sklearn.naive_bayes.MultinomialNB", (s, c) -> NaiveBayes.multinomial(s));
        factories.put("sklearn.cluster._kmeans.KMeans", (s, c) -> new KMeans(s));
        factories.put("sklearn.decomposition._pca.PCA", (s, c) -> LinearProjection.pca(s));
        factories.put("sklearn.decomposition._truncated_svd.TruncatedSVD", (s, c) -> LinearProjection.truncatedSvd(s));
        factories.put("sklearn.pipeline.FeatureUnion", FeatureUnion::new);
        factories.put(preprocessing + "_data.MinMaxScaler", (s, c) -> FeatureScaler.minMax(s));
        factories.put(preprocessing + "_data.MaxAbsScaler", (s, c) -> FeatureScaler.maxAbs(s));
        factories.put(preprocessing + "_data.RobustScaler", (s, c) -> FeatureScaler.robust(s));
        factories.put(preprocessing + "_data.Normalizer", (s, c) -> new Normalizer(s));
        factories.put(preprocessing + "_polynomial.PolynomialFeatures", (s, c) -> new PolynomialFeatures(s));
        factories.put(preprocessing + "_encoders.OrdinalEncoder", (s, c) -> new OrdinalEncoder(s));
        factories.put(preprocessing + "_discretization.KBinsDiscretizer", (s, c) -> new KBinsDiscretizer(s));
        factories.put(preprocessing + "_function_transformer.FunctionTransformer", (s, c) -> new FunctionTransformer(s));
    }

    /** Functions a pickle may name (never call): those a FunctionTransformer may apply. */
    Set<String> allowedFunctions() {
        return FunctionTransformer.namedFunctions();
    }

    /** The estimators a model may be made of, by class name. */
    Set<String> supported() {
        return new TreeSet<>(factories.keySet());
    }

    /** Everything the unpickler may instantiate. */
    Set<String> allowedClasses() {
        TreeSet<String> all = new TreeSet<>(factories.keySet());
        all.addAll(PARTS);
        return all;
    }

    /** Simple names of the supported estimators, for messages. */
    List<String> supportedNames() {
        return supported().stream().map(n -> n.substring(n.lastIndexOf('.') + 1)).sorted().toList();
    }

    private Object compile(Object pickled) {
        if (!(pickled instanceof PyObject p)) {
            throw ModelportException.badModel("model.pkl holds a %s, not a scikit-learn estimator",
                    pickled == null ? "None" : pickled.getClass().getSimpleName());
        }
        var factory = factories.get(p.className());
        if (factory == null) {
            throw ModelportException.badModel("scikit-learn estimator %s is not supported natively; supported: %s", p.className(),
                    supportedNames());
        }
        return factory.apply(new EstimatorState(p), this);
    }

    Estimator estimator(Object pickled) {
        Object compiled = compile(pickled);
        if (compiled instanceof Estimator e) {
            return e;
        }
        throw ModelportException.badModel("%s is a transformer, not a predictor", pickled);
    }

    Transformer transformer(Object pickled) {
        Object compiled = compile(pickled);
        if (compiled instanceof Transformer t) {
            return t;
        }
        throw ModelportException.badModel("%s is a predictor, not a transformer", pickled);
    }

    private static Object pipeline(EstimatorState s, EstimatorCompiler compiler) {
        List<?> steps = s.list("steps");
        if (steps.isEmpty()) {
            throw s.invalid("steps", "is empty");
        }
        List<Transformer> transformers = new ArrayList<>();
        for (int i = 0; i < steps.size() - 1; i++) {
            Object step = stepEstimator(s, steps.get(i));
            if (step == null || "passthrough".equals(step)) {
                continue;
            }
            transformers.add(compiler.transformer(step));
        }
        Object last = stepEstimator(s, steps.get(steps.size() - 1));
        if (last == null || "passthrough".equals(last)) {
            return new Pipeline(transformers, null, null);
        }
        Object compiled = compiler.compile(last);
        return new Pipeline(transformers, compiled instanceof Estimator e ? e : null,
                compiled instanceof Transformer t ? t : null);
    }

    private static Object stepEstimator(EstimatorState s, Object step) {
        if (!(step instanceof PyTuple t) || t.size() != 2) {
            throw s.invalid("steps", "holds a non-(name, estimator) step");
        }
        return t.get(1);
    }
}
