"""Generates the test models of the linear, kernel, naive Bayes, clustering, decomposition and
preprocessing estimators (re-runnable, seeded), beside those of generate_sklearn_models.py.

Run from the project root with Debian's python3 and MLflow's source on the path:

    PYTHONPATH=../shared/peers/mlflow-src /usr/bin/python3 -B src/test/python/generate_sklearn_linear.py

Writes src/test/resources/sklearn/linear/<name>/: an MLflow model saved by mlflow.sklearn.save_model
and cases.json (input rows and what scikit-learn answered for each method). For a Pipeline, the
"transform" answer is what every step but the last produced (pipeline[:-1].transform), so each
transformer is compared on its own output too, not only through the estimator after it.
Also writes src/test/resources/sklearn/refused/*.pkl: models that must be refused at load with a
clear message, FunctionTransformers whose function is not an allowlisted numpy ufunc among them.
"""
import json
import os
import pickle
import shutil
import sys
import warnings

import numpy as np
import pandas as pd

sys.path.insert(0, os.path.dirname(__file__))
warnings.filterwarnings("ignore")

import cloudpickle  # noqa: E402
import mlflow.sklearn  # noqa: E402
from generate_sklearn_models import ROOT, answers, describe_input, plain  # noqa: E402
from mlflow.models import infer_signature  # noqa: E402
from sklearn.cluster import KMeans  # noqa: E402
from sklearn.compose import ColumnTransformer  # noqa: E402
from sklearn.decomposition import PCA, TruncatedSVD  # noqa: E402
from sklearn.impute import SimpleImputer  # noqa: E402
from sklearn.linear_model import (  # noqa: E402
    ElasticNet,
    Lasso,
    LinearRegression,
    LogisticRegression,
    Ridge,
    RidgeClassifier,
    SGDClassifier,
    SGDRegressor,
)
from sklearn.naive_bayes import GaussianNB, MultinomialNB  # noqa: E402
from sklearn.pipeline import FeatureUnion, Pipeline  # noqa: E402
from sklearn.preprocessing import (  # noqa: E402
    FunctionTransformer,
    KBinsDiscretizer,
    MaxAbsScaler,
    MinMaxScaler,
    Normalizer,
    OneHotEncoder,
    OrdinalEncoder,
    PolynomialFeatures,
    RobustScaler,
    StandardScaler,
)
from sklearn.svm import SVC, SVR, LinearSVC, LinearSVR  # noqa: E402

LINEAR = os.path.join(ROOT, "linear")
SEEDS = (0, 1, 2)
N_TRAIN, N_TEST = 80, 25
LABELS = np.array(["ant", "bee", "cat", "dog"], dtype=object)
COUNT = 0


def transform_answer(model, X):
    if not isinstance(model, Pipeline) or len(model.steps) < 2:
        return {}
    try:
        y = model[:-1].transform(X)
        y = y.toarray() if hasattr(y, "toarray") else np.asarray(y)
        return {"transform": {"predictions": np.vectorize(plain, otypes=[object])(y).tolist()}}
    except Exception as e:
        return {"transform": {"error": type(e).__name__, "message": str(e)}}


def estimators_in(model):
    """The class names of a model and of every estimator nested in it."""
    if isinstance(model, str) or model is None:
        return []
    inner = []
    if isinstance(model, Pipeline):
        inner = [s for _, s in model.steps]
    elif isinstance(model, ColumnTransformer):
        inner = [t for _, t, _ in model.transformers_]
    elif isinstance(model, FeatureUnion):
        inner = [t for _, t in model.transformer_list]
    return [type(model).__name__] + [n for m in inner for n in estimators_in(m)]


def save(name, model, X_train, X_test, extra_inputs=(), predict_fn="predict", fmt=None):
    global COUNT
    COUNT += 1
    fmt = fmt or ("pickle" if COUNT % 2 else "cloudpickle")
    path = os.path.join(LINEAR, name)
    shutil.rmtree(path, ignore_errors=True)
    signature = infer_signature(X_train, model.predict(X_train))
    mlflow.sklearn.save_model(model, path, serialization_format=fmt, signature=signature,
                              pip_requirements=["scikit-learn==1.2.1"], pyfunc_predict_fn=predict_fn)
    cases = []
    for case_name, X in (("rows", X_test),) + tuple(extra_inputs):
        expect = answers(model, X)
        expect.update(transform_answer(model, X))
        cases.append(dict(name=case_name, input=describe_input(X), expect=expect))
    estimator = type(model[-1] if isinstance(model, Pipeline) else model).__name__
    parts = sorted(set(estimators_in(model)))
    with open(os.path.join(path, "cases.json"), "w") as f:
        json.dump({"model": name, "estimator": estimator, "steps": parts, "serialization_format": fmt,
                   "cases": cases}, f)
    print(f"{name}: {parts} {fmt}, {len(X_test)} rows, methods {sorted(cases[0]['expect'])}")


def data(seed, d=None, n=N_TRAIN + N_TEST):
    """Random features of random width and scale, split into train and test frames."""
    rng = np.random.default_rng(seed)
    d = d or int(rng.integers(2, 7))
    X = rng.normal(size=(n, d)) * rng.uniform(0.5, 3, size=d) + rng.uniform(-2, 2, size=d)
    X = pd.DataFrame(X, columns=[f"f{i}" for i in range(d)])
    w = rng.normal(size=d)
    score = X.values @ w + 0.5 * np.sin(X.values[:, 0] * 2)
    return rng, X[:N_TRAIN], X[N_TRAIN:].reset_index(drop=True), score[:N_TRAIN]


def labels(rng, score, k, kind="int"):
    y = np.digitize(score, np.quantile(score, np.linspace(0, 1, k + 1)[1:-1]))
    if kind == "str":
        return LABELS[y]
    if kind == "bool":
        return y == 1
    return y * 3 - 1


def bad(X):
    first = X.columns[0]
    return [("zero_rows", X.iloc[:0]), ("nan", X.iloc[:2].assign(**{first: [np.nan, 1.0]})),
            ("wrong_width", X.iloc[:3, :-1])]


def linear_regressors():
    for seed in SEEDS:
        rng, Xtr, Xte, s = data(seed)
        y = s + 0.1 * rng.normal(size=N_TRAIN)
        y2 = np.column_stack([y, -2 * s + 1])
        save(f"ridge_s{seed}", Ridge(alpha=[0.1, 1.0, 3.0][seed]).fit(Xtr, y), Xtr, Xte, bad(Xte) if seed == 0 else ())
        save(f"ridge_multi_output_s{seed}", Ridge(alpha=0.5, fit_intercept=seed != 1).fit(Xtr.values, y2), Xtr.values,
             Xte.values)
        save(f"lasso_scaled_s{seed}", Pipeline([("scale", StandardScaler()), ("lasso", Lasso(alpha=0.05 * (seed + 1)))])
             .fit(Xtr, y), Xtr, Xte)
        save(f"elasticnet_s{seed}", ElasticNet(alpha=0.1, l1_ratio=[0.2, 0.5, 0.9][seed], fit_intercept=seed != 2)
             .fit(Xtr, y), Xtr, Xte)
        save(f"sgd_regressor_s{seed}", Pipeline([("scale", RobustScaler()), ("sgd", SGDRegressor(
            loss=["squared_error", "huber", "epsilon_insensitive"][seed], random_state=seed))]).fit(Xtr, y), Xtr, Xte)
        save(f"linear_svr_s{seed}", Pipeline([("scale", StandardScaler()), ("svr", LinearSVR(
            random_state=seed, max_iter=5000))]).fit(Xtr, y), Xtr, Xte)
    rng, Xtr, Xte, s = data(7)
    save("lasso_multi_output", Lasso(alpha=0.1).fit(Xtr, np.column_stack([s, s * s])), Xtr, Xte)


def linear_classifiers():
    for seed in SEEDS:
        rng, Xtr, Xte, s = data(10 + seed)
        k = [2, 3, 4][seed]
        kind = ["str", "int", "str"][seed]
        y = labels(rng, s, k, kind)
        yb = labels(rng, s, 2, ["bool", "int", "str"][seed])
        save(f"ridge_classifier_k{k}_s{seed}", RidgeClassifier(alpha=1.0).fit(Xtr, y), Xtr, Xte,
             bad(Xte) if seed == 0 else ())
        save(f"ridge_classifier_binary_s{seed}", RidgeClassifier(alpha=0.3).fit(Xtr, yb), Xtr, Xte)
        for loss in ("hinge", "log_loss", "modified_huber"):
            fn = "predict" if loss == "hinge" else "predict_proba"
            clf = Pipeline([("scale", StandardScaler()), ("sgd", SGDClassifier(loss=loss, random_state=seed))])
            save(f"sgd_{loss}_k{k}_s{seed}", clf.fit(Xtr, y), Xtr, Xte, predict_fn=fn)
            save(f"sgd_{loss}_binary_s{seed}", SGDClassifier(loss=loss, random_state=seed).fit(Xtr, yb), Xtr, Xte,
                 predict_fn=fn)
        save(f"linear_svc_k{k}_s{seed}", Pipeline([("scale", MinMaxScaler()), ("svc", LinearSVC(
            random_state=seed, multi_class="crammer_singer" if seed == 2 else "ovr", max_iter=5000))]).fit(Xtr, y),
             Xtr, Xte)
        save(f"linear_svc_binary_s{seed}", LinearSVC(random_state=seed, max_iter=5000, dual=seed != 1).fit(Xtr, yb),
             Xtr, Xte)


def svms():
    kernels = ("linear", "rbf", "poly", "sigmoid")
    for seed in SEEDS:
        for kernel in kernels:
            rng, Xtr, Xte, s = data(20 + seed * 4 + kernels.index(kernel))
            Xtr = Xtr[:60]
            s = s[:60]
            k = [2, 3, 4][seed]
            y = labels(rng, s, k, "str" if seed != 1 else "int")
            options = dict(kernel=kernel, degree=[2, 3, 3][seed], gamma=["scale", "auto", 0.3][seed],
                           coef0=[0.0, 0.5, 1.0][seed], C=[1.0, 3.0, 0.5][seed])
            shape = "ovo" if seed == 1 else "ovr"
            svc = SVC(decision_function_shape=shape, break_ties=seed == 2 and kernel != "sigmoid",
                      probability=kernel in ("rbf", "linear"), random_state=seed, **options)
            model = Pipeline([("scale", StandardScaler()), ("svc", svc)]).fit(Xtr, y)
            save(f"svc_{kernel}_k{k}_s{seed}", model, Xtr, Xte, bad(Xte) if seed == 0 and kernel == "rbf" else (),
                 predict_fn="predict_proba" if svc.probability else "predict")
            yr = s + 0.2 * rng.normal(size=len(s))
            svr = SVR(epsilon=0.1 * (seed + 1), **options)
            save(f"svr_{kernel}_s{seed}", Pipeline([("scale", StandardScaler()), ("svr", svr)]).fit(Xtr, yr), Xtr, Xte)


    rng, Xtr, Xte, s = data(33)
    y = labels(rng, s, 4, "str")
    save("svc_ovo_k4_probability", SVC(kernel="poly", degree=2, decision_function_shape="ovo", probability=True,
                                       random_state=0).fit(Xtr, y), Xtr, Xte, predict_fn="predict_proba")


def naive_bayes():
    for seed in SEEDS:
        rng, Xtr, Xte, s = data(40 + seed)
        k = [2, 3, 4][seed]
        y = labels(rng, s, k, ["str", "int", "bool" if k == 2 else "str"][seed])
        save(f"gaussian_nb_k{k}_s{seed}", GaussianNB(var_smoothing=[1e-9, 1e-3, 1e-6][seed]).fit(Xtr, y), Xtr, Xte,
             bad(Xte) if seed == 0 else (), predict_fn=["predict", "predict_proba", "predict_log_proba"][seed])
        counts = pd.DataFrame(rng.poisson(lam=rng.uniform(0.5, 5, size=Xtr.shape[1]),
                                          size=(N_TRAIN + N_TEST, Xtr.shape[1])), columns=Xtr.columns)
        yc = labels(rng, counts.values[:N_TRAIN] @ rng.normal(size=Xtr.shape[1]), k, "int")
        save(f"multinomial_nb_k{k}_s{seed}", MultinomialNB(alpha=[1.0, 0.5, 0.01][seed], fit_prior=seed != 1)
             .fit(counts[:N_TRAIN], yc), counts[:N_TRAIN], counts[N_TRAIN:].reset_index(drop=True),
             predict_fn=["predict", "predict_proba", "predict_log_proba"][seed])


def clustering_and_decomposition():
    for seed in SEEDS:
        rng, Xtr, Xte, s = data(50 + seed, d=int(np.random.default_rng(seed).integers(3, 7)))
        save(f"kmeans_s{seed}", KMeans(n_clusters=[2, 3, 5][seed], n_init=3, random_state=seed).fit(Xtr), Xtr, Xte,
             bad(Xte) if seed == 0 else ())
        y = s + 0.1 * rng.normal(size=N_TRAIN)
        pca = PCA(n_components=[2, 0.9, None][seed], whiten=seed != 0)
        save(f"pca_linreg_s{seed}", Pipeline([("pca", pca), ("lr", LinearRegression())]).fit(Xtr, y), Xtr, Xte)
        save(f"truncated_svd_ridge_s{seed}", Pipeline([("svd", TruncatedSVD(n_components=2, random_state=seed)),
                                                      ("ridge", Ridge())]).fit(Xtr, y), Xtr, Xte)
        union = FeatureUnion([("pca", PCA(n_components=2)), ("minmax", MinMaxScaler()),
                              ("svd", TruncatedSVD(n_components=1, random_state=seed) if seed != 1 else "drop")],
                             transformer_weights={"pca": 2.0, "minmax": 0.5} if seed != 2 else None)
        save(f"feature_union_s{seed}", Pipeline([("union", union), ("lr", LinearRegression())]).fit(Xtr, y), Xtr, Xte)


def with_missing(rng, X, rate=0.1):
    X = X.copy()
    X.values[rng.random(X.shape) < rate] = np.nan
    return X


def scalers():
    for seed in SEEDS:
        rng, Xtr, Xte, s = data(60 + seed)
        y = s + 0.1 * rng.normal(size=N_TRAIN)
        Xtr_nan, Xte_nan = with_missing(rng, Xtr), with_missing(rng, Xte)
        impute = ("impute", SimpleImputer(strategy="median"))
        minmax = MinMaxScaler(feature_range=[(0, 1), (-1, 2), (0, 5)][seed], clip=seed != 0)
        save(f"minmax_s{seed}", Pipeline([("minmax", minmax), impute, ("lr", LinearRegression())]).fit(Xtr_nan, y),
             Xtr_nan, Xte_nan * (1.5 if seed else 1.0))
        save(f"maxabs_s{seed}", Pipeline([("maxabs", MaxAbsScaler()), impute, ("ridge", Ridge())]).fit(Xtr_nan, y),
             Xtr_nan, Xte_nan)
        robust = RobustScaler(with_centering=seed != 1, with_scaling=seed != 2, quantile_range=(10.0, 80.0))
        save(f"robust_s{seed}", Pipeline([("robust", robust), impute, ("lr", LinearRegression())]).fit(Xtr_nan, y),
             Xtr_nan, Xte_nan)
        Xte_zero = Xte.copy()
        Xte_zero.iloc[0] = 0.0
        save(f"normalizer_{['l1', 'l2', 'max'][seed]}", Pipeline([("norm", Normalizer(norm=["l1", "l2", "max"][seed])),
                                                                  ("lr", LinearRegression())]).fit(Xtr, y), Xtr,
             Xte_zero, bad(Xte) if seed == 0 else ())
        poly = PolynomialFeatures(degree=[2, 3, 2][seed], interaction_only=seed == 2, include_bias=seed != 1)
        save(f"polynomial_s{seed}", Pipeline([("poly", poly), ("ridge", Ridge(alpha=0.1))]).fit(Xtr, y), Xtr, Xte)
    rng, Xtr, Xte, s = data(66, d=3)
    poly = PolynomialFeatures(degree=(2, 3))
    save("polynomial_min_degree", Pipeline([("poly", poly), ("ridge", Ridge())]).fit(Xtr, s), Xtr, Xte)


def function_transformers():
    for seed, func in enumerate((np.log1p, np.sqrt, np.abs, np.exp)):
        rng, Xtr, Xte, s = data(70 + seed)
        positive = np.abs
        Xtr_p, Xte_p = (positive(Xtr), positive(Xte)) if func in (np.log1p, np.sqrt) else (Xtr, Xte)
        if func is np.exp:
            Xtr_p, Xte_p = Xtr / 4, Xte / 4
        ft = FunctionTransformer(func=func, inverse_func=np.expm1 if func is np.log1p else None, validate=seed == 1)
        model = Pipeline([("func", ft), ("scale", StandardScaler()), ("lr", LinearRegression())])
        save(f"function_{func.__name__}", model.fit(Xtr_p, s), Xtr_p, Xte_p)
    rng, Xtr, Xte, s = data(75)
    ct = ColumnTransformer([("log", FunctionTransformer(np.log1p), [0]), ("id", FunctionTransformer(), [1])],
                           remainder=FunctionTransformer(np.square))
    save("function_in_column_transformer", Pipeline([("ct", ct), ("lr", LinearRegression())]).fit(np.abs(Xtr.values), s),
         np.abs(Xtr.values), np.abs(Xte.values))


def categorical_frame(rng, n, missing):
    cats = ["red", "green", "blue", "white", "black", "grey", "pink"]
    weights = np.array([30, 20, 15, 10, 3, 2, 1], dtype=float)
    colour = rng.choice(cats, size=n, p=weights / weights.sum()).astype(object)
    size = rng.choice([1, 2, 3, 5, 8], size=n, p=[0.4, 0.3, 0.2, 0.07, 0.03])
    shape = rng.choice(["round", "square"], size=n).astype(object)
    frame = pd.DataFrame({"colour": colour, "size": size.astype(float), "shape": shape,
                          "price": np.round(rng.normal(10, 3, size=n), 2)})
    if missing:
        frame.loc[rng.random(n) < 0.08, "colour"] = None
        frame.loc[rng.random(n) < 0.08, "size"] = np.nan
    return frame


def encoders():
    for seed in SEEDS:
        rng = np.random.default_rng(80 + seed)
        frame = categorical_frame(rng, N_TRAIN + N_TEST, missing=seed != 0)
        y = np.where(frame["price"] + (frame["colour"] == "red") * 3 + frame["size"].fillna(0) > 13, "yes", "no")
        tr, te = frame[:N_TRAIN], frame[N_TRAIN:].reset_index(drop=True)
        # one unknown value per column: scikit-learn lists several in Python set order, which varies by run
        unknown = te.iloc[:3].assign(colour=["purple", "red", "purple"], shape=["round", "oval", "square"])
        ordinal = OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=[-1, np.nan, 99][seed],
                                 encoded_missing_value=[np.nan, -2, np.nan][seed])
        model = Pipeline([("ct", ColumnTransformer([("ord", ordinal, ["colour", "size", "shape"])],
                                                   remainder="passthrough")),
                          ("impute", SimpleImputer(strategy="constant", fill_value=-5)),
                          ("clf", LogisticRegression(max_iter=1000))])
        save(f"ordinal_encoder_s{seed}", model.fit(tr, y[:N_TRAIN]), tr, te, [("unknown", unknown)],
             predict_fn="predict_proba")
        onehot = [
            OneHotEncoder(min_frequency=6, handle_unknown="infrequent_if_exist", sparse_output=False),
            OneHotEncoder(max_categories=3, handle_unknown="ignore", drop="if_binary"),
            OneHotEncoder(min_frequency=0.05, max_categories=4, drop="first", handle_unknown="error"),
        ][seed]
        model = Pipeline([("ct", ColumnTransformer([("ohe", onehot, ["colour", "size", "shape"])],
                                                   remainder="passthrough")),
                          ("clf", LogisticRegression(max_iter=1000))])
        save(f"onehot_infrequent_s{seed}", model.fit(tr, y[:N_TRAIN]), tr, te, [("unknown", unknown)])
        drop = [["green", 2.0, "round"], "if_binary", "first"][seed]
        model = Pipeline([("ct", ColumnTransformer([("ohe", OneHotEncoder(drop=drop, handle_unknown="ignore", sparse_output=False),
                                                     ["colour", "size", "shape"])], remainder="drop")),
                          ("nb", GaussianNB())])
        save(f"onehot_drop_s{seed}", model.fit(tr, y[:N_TRAIN]), tr, te, [("unknown", unknown)])


def discretizers():
    combos = [("uniform", "ordinal"), ("quantile", "onehot"), ("kmeans", "onehot-dense"),
              ("quantile", "ordinal"), ("uniform", "onehot-dense"), ("kmeans", "onehot")]
    for i, (strategy, encode) in enumerate(combos):
        rng, Xtr, Xte, s = data(90 + i)
        n_bins = [int(b) for b in rng.integers(2, 6, size=Xtr.shape[1])] if i % 2 else 4
        kb = KBinsDiscretizer(n_bins=n_bins, encode=encode, strategy=strategy, subsample=None)
        Xte_wide = Xte * 1.5
        save(f"kbins_{strategy}_{encode}_{i}", Pipeline([("bins", kb), ("ridge", Ridge())]).fit(Xtr, s), Xtr, Xte_wide)


def wide():
    """More features than numpy's pairwise summation sums one by one (8), for the estimators that sum rows."""
    rng, Xtr, Xte, s = data(100, d=12)
    y = labels(rng, s, 3, "str")
    save("wide_gaussian_nb", GaussianNB().fit(Xtr, y), Xtr, Xte, predict_fn="predict_log_proba")
    save("wide_svc_rbf", Pipeline([("scale", StandardScaler()), ("svc", SVC(probability=True, random_state=0))])
         .fit(Xtr, y), Xtr, Xte, predict_fn="predict_proba")
    save("wide_sgd_modified_huber", SGDClassifier(loss="modified_huber", random_state=0).fit(Xtr, y), Xtr, Xte,
         predict_fn="predict_proba")
    save("wide_normalizer_pca", Pipeline([("norm", Normalizer()), ("pca", PCA(n_components=5, whiten=True)),
                                          ("km", KMeans(n_clusters=4, n_init=3, random_state=0))]).fit(Xtr), Xtr, Xte)
    counts = pd.DataFrame(rng.poisson(2.0, size=(N_TRAIN + N_TEST, 12)), columns=Xtr.columns)
    save("wide_multinomial_nb", MultinomialNB().fit(counts[:N_TRAIN], y), counts[:N_TRAIN],
         counts[N_TRAIN:].reset_index(drop=True), predict_fn="predict_proba")


def refused():
    folder = os.path.join(ROOT, "refused")
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    X = np.abs(np.random.default_rng(0).normal(size=(10, 2)))
    payloads = {
        "function_transformer_lambda.pkl": cloudpickle.dumps(FunctionTransformer(lambda v: v + 1).fit(X), protocol=4),
        "function_transformer_os_system.pkl": pickle.dumps(FunctionTransformer(os.system).fit(X), protocol=4),
        "function_transformer_numpy_kwargs.pkl": pickle.dumps(
            FunctionTransformer(np.round, kw_args={"decimals": 1}).fit(X), protocol=4),
        "function_transformer_ufunc_kwargs.pkl": pickle.dumps(
            FunctionTransformer(np.sqrt, kw_args={"casting": "unsafe"}).fit(X), protocol=4),
        "svc_precomputed_kernel.pkl": pickle.dumps(SVC(kernel="precomputed").fit(X @ X.T, np.arange(10) % 2)),
        "ordinal_encoder_int_dtype.pkl": pickle.dumps(OrdinalEncoder(dtype=np.int64).fit([["a"], ["b"]])),
        "ridge_classifier_multilabel.pkl": pickle.dumps(RidgeClassifier().fit(X, np.eye(2, dtype=int)[np.arange(10) % 2])),
        "kbins_float32.pkl": pickle.dumps(KBinsDiscretizer(n_bins=2, dtype=np.float32).fit(X)),
    }
    # An allowlisted ufunc may be named (as a FunctionTransformer's func) but never called by the pickle.
    umath = b"numpy.core._multiarray_umath"
    payloads["ufunc_called_by_pickle.pkl"] = (b"\x80\x04\x8c" + bytes([len(umath)]) + umath + b"\x8c\x05log1p\x93"
                                              + b"G?\xf0\x00\x00\x00\x00\x00\x00\x85R.")
    for name, data_bytes in payloads.items():
        with open(os.path.join(folder, name), "wb") as f:
            f.write(data_bytes)
    print(f"refused pickles: {sorted(payloads)}")


if __name__ == "__main__":
    if not os.path.isdir(ROOT):
        sys.exit("run from the project root")
    shutil.rmtree(LINEAR, ignore_errors=True)
    os.makedirs(LINEAR)
    linear_regressors()
    linear_classifiers()
    svms()
    naive_bayes()
    clustering_and_decomposition()
    scalers()
    function_transformers()
    encoders()
    discretizers()
    wide()
    refused()
