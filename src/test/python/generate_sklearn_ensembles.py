"""Generates the sklearn flavor's ensemble test models and expected predictions (re-runnable, seeded).

Run from the project root with Debian's python3 and MLflow's source on the path:

    PYTHONPATH=../shared/peers/mlflow-src /usr/bin/python3 -B src/test/python/generate_sklearn_ensembles.py

Writes src/test/resources/sklearn/ensembles/<name>/: an MLflow model saved by mlflow.sklearn.save_model
and cases.json (input rows and what scikit-learn answered for each method), like
generate_sklearn_models.py. Every estimator is trained for several seeds on random shapes, with
missing values where the estimator accepts them, and classifier labels of int, str and bool types.
"""
import json
import os
import shutil
import sys
import warnings

import numpy as np
import pandas as pd

sys.path.insert(0, os.path.dirname(__file__))
warnings.filterwarnings("ignore")

import mlflow.sklearn  # noqa: E402
from generate_sklearn_models import describe_input, plain  # noqa: E402
from mlflow.models import infer_signature  # noqa: E402
from sklearn.compose import TransformedTargetRegressor  # noqa: E402
from sklearn.ensemble import (  # noqa: E402
    AdaBoostClassifier,
    AdaBoostRegressor,
    BaggingClassifier,
    BaggingRegressor,
    ExtraTreesClassifier,
    ExtraTreesRegressor,
    HistGradientBoostingClassifier,
    HistGradientBoostingRegressor,
    IsolationForest,
    RandomForestClassifier,
    StackingClassifier,
    StackingRegressor,
    VotingClassifier,
    VotingRegressor,
)
from sklearn.linear_model import LinearRegression, LogisticRegression  # noqa: E402
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor  # noqa: E402
from sklearn.pipeline import Pipeline  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor  # noqa: E402
from xgboost import XGBClassifier, XGBRegressor  # noqa: E402

ROOT = os.path.join("src", "test", "resources", "sklearn", "ensembles")
METHODS = ["predict", "predict_proba", "predict_log_proba", "decision_function", "score_samples"]
SEEDS = [11, 23, 37]


def answers(model, X):
    out = {}
    for m in METHODS:
        if not hasattr(model, m):
            continue
        try:
            y = np.asarray(getattr(model, m)(X))
            out[m] = {"predictions": np.vectorize(plain, otypes=[object])(y).tolist() if y.dtype == object else y.tolist()}
        except Exception as e:  # what sklearn raises is the expected answer
            out[m] = {"error": type(e).__name__, "message": str(e)}
    return out


def save(name, model, X_train, X_test, extra_inputs=(), predict_fn="predict", fmt="pickle"):
    path = os.path.join(ROOT, name)
    shutil.rmtree(path, ignore_errors=True)
    signature = infer_signature(X_train, getattr(model, predict_fn)(X_train))
    requirements = ["scikit-learn==1.2.1"] + (["xgboost==1.7.4"] if "XGB" in repr(model) else [])
    mlflow.sklearn.save_model(model, path, serialization_format=fmt, signature=signature,
                              pip_requirements=requirements, pyfunc_predict_fn=predict_fn)
    cases = [dict(name="rows", input=describe_input(X_test), expect=answers(model, X_test))]
    for case_name, X in extra_inputs:
        cases.append(dict(name=case_name, input=describe_input(X), expect=answers(model, X)))
    with open(os.path.join(path, "cases.json"), "w") as f:
        json.dump({"model": name, "estimator": type(model).__name__, "serialization_format": fmt, "cases": cases}, f)
    print(f"{name}: {type(model).__name__}, {len(X_test)} rows, methods {sorted(cases[0]['expect'])}")


class Data:
    """One random problem: a DataFrame of d numeric features (a few integer-coded categories when asked)."""

    def __init__(self, seed, categorical=0, missing=0.0):
        self.rng = rng = np.random.default_rng(seed)
        self.d = d = int(rng.integers(3, 7))
        n_train, n_test = int(rng.integers(80, 160)), int(rng.integers(25, 40))
        n = n_train + n_test
        X = rng.normal(size=(n, d)) * rng.uniform(0.5, 3, size=d) + rng.uniform(-2, 2, size=d)
        self.categorical = list(range(d - categorical, d))
        for j in self.categorical:
            X[:, j] = rng.integers(0, int(rng.integers(3, 9)), size=n)
        if missing:
            X[rng.random((n, d)) < missing] = np.nan
        frame = pd.DataFrame(X, columns=[f"f{j}" for j in range(d)])
        self.train, self.test = frame[:n_train], frame[n_train:].reset_index(drop=True)
        w = rng.normal(size=d)
        s = np.nan_to_num(X) @ w + 0.5 * np.nan_to_num(X[:, 0]) ** 2 + 0.3 * rng.normal(size=n)
        self.score = s[:n_train]
        self.test_score = s[n_train:]
        if self.categorical:
            # Categories never seen in training (and a negative one) must go the way scikit-learn sends them.
            j = self.categorical[0]
            self.test.loc[:3, f"f{j}"] = [9.0, -1.0, 2.0, 12.0][: min(4, len(self.test))]

    def labels(self, k, kind):
        cuts = np.quantile(self.score, np.linspace(0, 1, k + 1)[1:-1])
        idx = np.digitize(self.score, cuts)
        if kind == "bool":
            return idx.astype(bool)
        if kind == "str":
            return np.array(["ant", "bee", "cat", "dog"], dtype=object)[idx]
        if kind == "int_sparse":
            return np.array([3, 7, 11, 40])[idx]
        return idx

    def target(self, positive=False):
        return np.exp(self.score / np.abs(self.score).max()) if positive else self.score

    def bad(self, nan_ok):
        te = self.test
        out = [("zero_rows", te.iloc[:0]), ("wrong_width", te.iloc[:3, :-1]),
               ("infinite", te.iloc[:3].assign(f0=[np.inf, -np.inf, 1.0]))]
        if not nan_ok:
            out.append(("nan", te.iloc[:2].assign(f0=[np.nan, 1.0])))
        return out


def label_kind(i):
    return ["int", "str", "bool", "int_sparse"][i % 4]


def hist_gradient_boosting():
    for i, seed in enumerate(SEEDS):
        data = Data(seed, categorical=1 + i % 2, missing=0.08)
        mask = [j in data.categorical for j in range(data.d)]
        k = 2 if i % 2 == 0 else 3
        kind = label_kind(i) if k == 2 else ["str", "int"][i % 2]
        clf = HistGradientBoostingClassifier(max_iter=6 + i, max_depth=3, categorical_features=mask, random_state=seed)
        save(f"hgb_clf_{k}class_{kind}_{seed}", clf.fit(data.train, data.labels(k, kind)), data.train, data.test,
             data.bad(True), predict_fn=["predict", "predict_proba", "predict"][i])
        plain_clf = HistGradientBoostingClassifier(max_iter=5, max_leaf_nodes=7, random_state=seed)
        kind_n = label_kind(i + 1)
        n_classes = 2 if kind_n == "bool" else 4
        save(f"hgb_clf_numeric_{n_classes}class_{kind_n}_{seed}", plain_clf.fit(data.train, data.labels(n_classes, kind_n)),
             data.train, data.test)
        if i == 0:
            scaled = Pipeline([("scale", StandardScaler()), ("hgb", HistGradientBoostingClassifier(max_iter=4, random_state=seed))])
            save(f"hgb_clf_in_pipeline_{seed}", scaled.fit(data.train, data.labels(3, "str")), data.train, data.test)
        for loss in ["squared_error", "absolute_error", "poisson", "quantile"]:
            reg = HistGradientBoostingRegressor(loss=loss, quantile=0.3 if loss == "quantile" else None, max_iter=5 + i,
                                                max_depth=3, categorical_features=mask, random_state=seed)
            y = data.target(positive=loss == "poisson")
            save(f"hgb_reg_{loss}_{seed}", reg.fit(data.train, y), data.train, data.test, data.bad(True) if loss == "poisson" else ())


def extra_trees():
    for i, seed in enumerate(SEEDS[:2]):
        data = Data(seed)
        kind = label_kind(i + 1)
        save(f"extra_trees_clf_{kind}_{seed}", ExtraTreesClassifier(n_estimators=4, max_depth=3, random_state=seed)
             .fit(data.train, data.labels(3, kind)), data.train, data.test, data.bad(False))
        save(f"extra_trees_reg_{seed}", ExtraTreesRegressor(n_estimators=3, max_depth=4, random_state=seed)
             .fit(data.train, data.target()), data.train, data.test)


def ada_boost():
    for i, seed in enumerate(SEEDS):
        data = Data(seed)
        for algorithm in ["SAMME.R", "SAMME"]:
            k = 2 + (i + (algorithm == "SAMME")) % 2
            kind = label_kind(i + (algorithm == "SAMME"))
            base = DecisionTreeClassifier(max_depth=1 + i % 2, random_state=seed)
            clf = AdaBoostClassifier(base, n_estimators=4 + 2 * i, algorithm=algorithm, random_state=seed)
            save(f"ada_clf_{algorithm.replace('.', '')}_{k}class_{kind}_{seed}", clf.fit(data.train, data.labels(k, kind)),
                 data.train, data.test, data.bad(False), predict_fn="predict_proba" if i == 1 else "predict")
        if i == 0:
            lr = AdaBoostClassifier(LogisticRegression(max_iter=300), n_estimators=3, random_state=seed)
            save(f"ada_clf_SAMMER_logreg_3class_str_{seed}", lr.fit(data.train, data.labels(3, "str")), data.train, data.test)
        loss = ["linear", "square", "exponential"][i]
        reg = AdaBoostRegressor(DecisionTreeRegressor(max_depth=2 + i % 2), n_estimators=5 + 3 * i, loss=loss, random_state=seed)
        save(f"ada_reg_{loss}_{seed}", reg.fit(data.train, data.target()), data.train, data.test, data.bad(False))


def bagging():
    for i, seed in enumerate(SEEDS):
        data = Data(seed, missing=0.05 if i == 2 else 0.0)
        kind = label_kind(i + 2)
        bases = [DecisionTreeClassifier(max_depth=3, random_state=seed), LogisticRegression(max_iter=300),
                 HistGradientBoostingClassifier(max_iter=3, max_depth=2)]
        clf = BaggingClassifier(bases[i], n_estimators=4, max_samples=0.5 if i == 0 else 1.0, max_features=0.7,
                                bootstrap_features=i == 1, random_state=seed)
        save(f"bagging_clf_{type(bases[i]).__name__}_{kind}_{seed}", clf.fit(data.train, data.labels(3, kind)), data.train,
             data.test, data.bad(i == 2))
        if i == 0:
            # A base without predict_proba: bagging falls back to counting its votes.
            hard = VotingClassifier([("lr", LogisticRegression(max_iter=300)), ("tree", DecisionTreeClassifier(max_depth=2))])
            votes = BaggingClassifier(hard, n_estimators=3, max_features=0.8, random_state=seed)
            save(f"bagging_clf_hard_voting_str_{seed}", votes.fit(data.train, data.labels(3, "str")), data.train, data.test)
        reg_bases = [DecisionTreeRegressor(max_depth=3), LinearRegression(), KNeighborsRegressor(n_neighbors=3)]
        reg = BaggingRegressor(reg_bases[i], n_estimators=3 + i, max_features=0.6 + 0.2 * i, random_state=seed)
        clean = Data(seed)
        save(f"bagging_reg_{type(reg_bases[i]).__name__}_{seed}", reg.fit(clean.train, clean.target()), clean.train,
             clean.test, clean.bad(False))


def voting():
    for i, seed in enumerate(SEEDS):
        data = Data(seed)
        kind = label_kind(i + 1)
        members = [("lr", LogisticRegression(max_iter=300)), ("tree", DecisionTreeClassifier(max_depth=3, random_state=seed)),
                   ("rf", RandomForestClassifier(n_estimators=3, max_depth=3, random_state=seed)),
                   ("hgb", HistGradientBoostingClassifier(max_iter=3, max_depth=2, random_state=seed))]
        weights = [None, [2, 1, 1, 3], [0.5, 1.5, 1.0, 2.0]][i]
        k = 2 + i % 2
        for voting_kind in ["hard", "soft"]:
            clf = VotingClassifier(members, voting=voting_kind, weights=weights)
            save(f"voting_clf_{voting_kind}_{k}class_{kind}_{seed}", clf.fit(data.train, data.labels(k, kind)), data.train,
                 data.test, data.bad(False))
        if i == 1:
            dropped = VotingClassifier(members[:2] + [("rf", "drop"), members[3]], voting="soft", weights=[1, 2, 5, 3])
            save(f"voting_clf_soft_dropped_member_{seed}", dropped.fit(data.train, data.labels(3, "str")), data.train,
                 data.test)
        regs = [("lin", LinearRegression()), ("tree", DecisionTreeRegressor(max_depth=3, random_state=seed)),
                ("knn", KNeighborsRegressor(n_neighbors=4))]
        reg = VotingRegressor(regs, weights=[None, [1, 2, 3], [0.2, 0.3, 0.5]][i])
        save(f"voting_reg_{seed}", reg.fit(data.train, data.target()), data.train, data.test, data.bad(False))


def stacking():
    for i, seed in enumerate(SEEDS):
        data = Data(seed)
        kind = label_kind(i)
        members = [("lr", LogisticRegression(max_iter=300)), ("tree", DecisionTreeClassifier(max_depth=3, random_state=seed)),
                   ("knn", KNeighborsClassifier(n_neighbors=5))]
        k = 2 + (i + 1) % 2
        stack_method = ["auto", "predict", "auto"][i]
        clf = StackingClassifier(members, final_estimator=LogisticRegression(max_iter=300), stack_method=stack_method,
                                 passthrough=i == 2, cv=3)
        save(f"stacking_clf_{stack_method}_{k}class_{kind}_{seed}", clf.fit(data.train, data.labels(k, kind)), data.train,
             data.test, data.bad(False))
        if i == 0:
            scores = [("lr", LogisticRegression(max_iter=300)), ("ada", AdaBoostClassifier(n_estimators=3, random_state=seed)),
                      ("hgb", HistGradientBoostingClassifier(max_iter=3, random_state=seed))]
            by_decision = StackingClassifier(scores, final_estimator=LogisticRegression(max_iter=300),
                                             stack_method="decision_function", passthrough=True, cv=3)
            save(f"stacking_clf_decision_function_3class_str_{seed}", by_decision.fit(data.train, data.labels(3, "str")),
                 data.train, data.test)
        regs = [("lin", LinearRegression()), ("tree", DecisionTreeRegressor(max_depth=3, random_state=seed)),
                ("hgb", HistGradientBoostingRegressor(max_iter=4, max_depth=2, random_state=seed))]
        reg = StackingRegressor(regs, final_estimator=LinearRegression(), passthrough=i != 1, cv=3)
        save(f"stacking_reg_{seed}", reg.fit(data.train, data.target()), data.train, data.test, data.bad(False))


def isolation_forest():
    for i, seed in enumerate(SEEDS):
        data = Data(seed)
        forest = IsolationForest(n_estimators=5 + i, max_samples=[40, 0.5, "auto"][i], max_features=[1.0, 0.6, 2][i],
                                 contamination=["auto", 0.1, 0.2][i], random_state=seed)
        save(f"isolation_forest_{seed}", forest.fit(data.train), data.train, data.test, data.bad(False),
             predict_fn=["predict", "score_samples", "decision_function"][i])


def transformed_target():
    for i, seed in enumerate(SEEDS):
        data = Data(seed)
        y = data.target(positive=True)
        funcs = [(np.log1p, np.expm1), (np.log, np.exp), (np.sqrt, np.square)][i]
        regressor = [LinearRegression(), DecisionTreeRegressor(max_depth=3, random_state=seed),
                     HistGradientBoostingRegressor(max_iter=4, random_state=seed)][i]
        ttr = TransformedTargetRegressor(regressor, func=funcs[0], inverse_func=funcs[1])
        save(f"ttr_{funcs[1].__name__}_{type(regressor).__name__}_{seed}", ttr.fit(data.train, y), data.train, data.test,
             data.bad(i == 2))
    data = Data(SEEDS[0])
    save("ttr_identity_linear", TransformedTargetRegressor(LinearRegression()).fit(data.train, data.target()), data.train,
         data.test)
    two = np.column_stack([data.target(positive=True), data.target(positive=True) ** 2])
    save("ttr_log1p_two_outputs", TransformedTargetRegressor(LinearRegression(), func=np.log1p, inverse_func=np.expm1)
         .fit(data.train, two), data.train, data.test)
    save("ttr_scaler_tree", TransformedTargetRegressor(DecisionTreeRegressor(max_depth=3), transformer=StandardScaler())
         .fit(data.train, data.target()), data.train, data.test)


def xgboost_models():
    for i, seed in enumerate(SEEDS):
        data = Data(seed, missing=0.06)
        k = 2 + i % 2
        clf = XGBClassifier(n_estimators=4 + i, max_depth=3, learning_rate=0.4, random_state=seed)
        save(f"xgb_clf_{k}class_{seed}", clf.fit(data.train, data.labels(k, "int")), data.train, data.test,
             predict_fn="predict_proba" if i == 1 else "predict")
        reg = XGBRegressor(n_estimators=5 + i, max_depth=3, objective=["reg:squarederror", "reg:absoluteerror",
                                                                        "reg:squarederror"][i], random_state=seed)
        save(f"xgb_reg_{seed}", reg.fit(data.train, data.target()), data.train, data.test)
    data = Data(SEEDS[1], missing=0.05)
    n_fit = len(data.train) * 3 // 4
    stopped = XGBRegressor(n_estimators=40, max_depth=3, learning_rate=0.5, early_stopping_rounds=2, random_state=0)
    stopped.fit(data.train[:n_fit], data.target()[:n_fit], eval_set=[(data.train[n_fit:], data.target()[n_fit:])],
                verbose=False)
    save("xgb_reg_early_stopping", stopped, data.train, data.test)
    data = Data(SEEDS[0])
    pipe = Pipeline([("scale", StandardScaler()), ("xgb", XGBClassifier(n_estimators=3, max_depth=2, random_state=0))])
    save("xgb_clf_in_pipeline_ndarray", pipe.fit(data.train.values, data.labels(2, "int")), data.train.values,
         data.test.values)


if __name__ == "__main__":
    if not os.path.isdir(os.path.join("src", "test", "python")):
        sys.exit("run from the project root")
    os.makedirs(ROOT, exist_ok=True)
    for step in [hist_gradient_boosting, extra_trees, ada_boost, bagging, voting, stacking, isolation_forest,
                 transformed_target, xgboost_models]:
        step()
