"""Trains small XGBoost models, saves them with mlflow.xgboost.save_model and records what
MLflow's pyfunc predicts on 50 rows (with missing values), the oracle for XgboostOracleTest.

Run from the project root with Debian's python3 (xgboost 1.7.4) and MLflow's source:
    PYTHONPATH=../shared/peers/mlflow-src /usr/bin/python3 src/test/python/generate_xgboost_models.py
Writes src/test/resources/xgboost/<name>/ (MLflow model dir in model/, expected.json beside it).
"""
import json
import os
import shutil
import warnings

import numpy as np
import pandas as pd
import xgboost as xgb

import mlflow.pyfunc
import mlflow.xgboost
from mlflow.models import infer_signature

warnings.filterwarnings("ignore")
OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "xgboost")
N_TRAIN, N_TEST, N_FEAT = 300, 50, 5
rng = np.random.default_rng(42)


def features(n, n_feat=N_FEAT, missing=0.1):
    x = rng.normal(size=(n, n_feat))
    x[rng.random(size=x.shape) < missing] = np.nan
    return pd.DataFrame(x, columns=[f"f{i}" for i in range(n_feat)])


def signal(df):
    v = np.nan_to_num(df.to_numpy())
    return v[:, 0] * 1.5 - v[:, 1] + 0.5 * v[:, 2] * v[:, 3]


def targets(kind, df):
    s = signal(df)
    if kind == "reg":
        return s + rng.normal(scale=0.1, size=len(s))
    if kind == "prob":
        return 1 / (1 + np.exp(-s))
    if kind == "binary":
        return (s + rng.normal(scale=0.3, size=len(s)) > 0).astype(int)
    if kind == "positive":
        return np.exp(s / 2) + 0.01
    if kind == "count":
        return rng.poisson(np.exp(np.clip(s / 2, -3, 3)))
    if kind == "multi":
        return np.digitize(s, [-1, 0, 1])
    if kind == "rank":
        return np.clip(np.digitize(s, [-1, 0, 1]), 0, 3)
    raise ValueError(kind)


def save(name, model, x_test, fmt):
    target = os.path.join(OUT, name)
    shutil.rmtree(target, ignore_errors=True)
    os.makedirs(target)
    model_dir = os.path.join(target, "model")
    mlflow.xgboost.save_model(model, model_dir, model_format=fmt, signature=infer_signature(x_test),
                              pip_requirements=["xgboost==1.7.4"])
    predictions = np.asarray(mlflow.pyfunc.load_model(model_dir).predict(x_test))
    rows = [[None if np.isnan(v) else float(v) for v in row] for row in x_test.to_numpy()]
    with open(os.path.join(target, "expected.json"), "w") as f:
        json.dump({"columns": list(x_test.columns), "rows": rows, "dtype": str(predictions.dtype),
                   "shape": list(predictions.shape), "predictions": predictions.tolist()}, f)
    print(name, fmt, predictions.dtype, predictions.shape)


def booster(name, params, kind, fmt, rounds=8, x_train=None, x_test=None, **kw):
    x_train = features(N_TRAIN) if x_train is None else x_train
    x_test = features(N_TEST) if x_test is None else x_test
    dtrain = xgb.DMatrix(x_train, label=targets(kind, x_train), **kw)
    if kind == "rank":
        dtrain.set_group([30] * (N_TRAIN // 30))
    model = xgb.train({"max_depth": 3, "eta": 0.3, **params}, dtrain, num_boost_round=rounds)
    save(name, model, x_test, fmt)


def main():
    os.makedirs(OUT, exist_ok=True)
    booster("reg_squarederror_json", {"objective": "reg:squarederror"}, "reg", "json")
    booster("reg_squarederror_xgb", {"objective": "reg:squarederror"}, "reg", "xgb")
    booster("reg_logistic_ubj", {"objective": "reg:logistic"}, "prob", "ubj")
    booster("reg_tweedie_xgb", {"objective": "reg:tweedie", "tweedie_variance_power": 1.3}, "positive", "xgb")
    booster("reg_gamma_json", {"objective": "reg:gamma"}, "positive", "json")
    booster("count_poisson_ubj", {"objective": "count:poisson"}, "count", "ubj")
    booster("binary_logistic_json", {"objective": "binary:logistic", "base_score": 0.3}, "binary", "json")
    booster("binary_logistic_xgb", {"objective": "binary:logistic"}, "binary", "xgb")
    booster("binary_logitraw_ubj", {"objective": "binary:logitraw"}, "binary", "ubj")
    booster("multi_softmax_json", {"objective": "multi:softmax", "num_class": 4}, "multi", "json")
    booster("multi_softprob_ubj", {"objective": "multi:softprob", "num_class": 4}, "multi", "ubj")
    booster("multi_softprob_xgb", {"objective": "multi:softprob", "num_class": 4}, "multi", "xgb")
    booster("rank_pairwise_json", {"objective": "rank:pairwise"}, "rank", "json")
    booster("rank_ndcg_ubj", {"objective": "rank:ndcg"}, "rank", "ubj")
    booster("dart_binary_json", {"objective": "binary:logistic", "booster": "dart", "rate_drop": 0.3,
                                 "skip_drop": 0.0}, "binary", "json", rounds=10)
    booster("dart_reg_xgb", {"objective": "reg:squarederror", "booster": "dart", "rate_drop": 0.2},
            "reg", "xgb", rounds=10)
    booster("gblinear_reg_json", {"objective": "reg:squarederror", "booster": "gblinear"}, "reg", "json")
    booster("gblinear_multi_ubj", {"objective": "multi:softprob", "num_class": 4, "booster": "gblinear"},
            "multi", "ubj")
    booster("forest_reg_json", {"objective": "reg:squarederror", "num_parallel_tree": 3, "subsample": 0.8,
                                "colsample_bynode": 0.8}, "reg", "json", rounds=3)

    # categorical splits: integer-coded categories in f0 (train with the category dtype, predict on codes)
    def categorical(n):
        df = features(n)
        df["f0"] = rng.integers(0, 6, size=n).astype(float)
        return df
    x_train, x_test = categorical(N_TRAIN), categorical(N_TEST)
    y = np.where(np.isin(x_train["f0"], [1, 4]), 2.0, -1.0) + np.nan_to_num(x_train["f1"])
    cat_train = x_train.astype({"f0": pd.CategoricalDtype(categories=[0.0, 1.0, 2.0, 3.0, 4.0, 5.0])})
    dtrain = xgb.DMatrix(cat_train, label=y, enable_categorical=True)
    model = xgb.train({"objective": "reg:squarederror", "max_depth": 3, "tree_method": "hist",
                       "max_cat_to_onehot": 1}, dtrain, num_boost_round=8)
    save("categorical_json", model, x_test, "json")

    # scikit-learn API: pyfunc calls the wrapper's predict (class labels, best_iteration)
    x_train, x_valid, x_test = features(N_TRAIN), features(100), features(N_TEST)
    clf = xgb.XGBClassifier(n_estimators=60, max_depth=3, learning_rate=0.5, early_stopping_rounds=3)
    clf.fit(x_train, targets("binary", x_train), eval_set=[(x_valid, targets("binary", x_valid))], verbose=False)
    print("best_iteration", clf.best_iteration)
    save("sklearn_classifier_json", clf, x_test, "json")
    clf = xgb.XGBClassifier(n_estimators=8, max_depth=3)
    clf.fit(x_train, targets("multi", x_train))
    save("sklearn_classifier_multi_ubj", clf, x_test, "ubj")
    reg = xgb.XGBRegressor(n_estimators=8, max_depth=3)
    reg.fit(x_train, targets("reg", x_train))
    save("sklearn_regressor_xgb", reg, x_test, "xgb")


if __name__ == "__main__":
    main()
