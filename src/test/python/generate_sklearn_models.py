"""Generates the sklearn flavor's test models and expected predictions (re-runnable, seeded).

Run from the project root with Debian's python3 and MLflow's source on the path:

    PYTHONPATH=../shared/peers/mlflow-src /usr/bin/python3 -B src/test/python/generate_sklearn_models.py

Writes, under src/test/resources/sklearn/:
  models/<name>/            an MLflow model saved by mlflow.sklearn.save_model
  models/<name>/cases.json  input rows (columns, dtypes, rows) and what scikit-learn answered for
                            each method (predictions, or the exception message it raised)
  fixture_input_examples.json  scikit-learn's predictions for the shared fixtures' input examples
  hostile/*.pkl             pickles that must be refused (code execution payloads, unknown classes)
  protocols/*.pkl           one small LogisticRegression pickled with every protocol (0 to 5)
"""
import json
import math
import os
import pickle
import shutil
import struct
import sys
import warnings

import numpy as np
import pandas as pd

warnings.filterwarnings("ignore")

import mlflow.sklearn  # noqa: E402
from mlflow.models import infer_signature  # noqa: E402
from sklearn.compose import ColumnTransformer  # noqa: E402
from sklearn.dummy import DummyClassifier  # noqa: E402
from sklearn.ensemble import (  # noqa: E402
    ExtraTreesRegressor,
    GradientBoostingClassifier,
    GradientBoostingRegressor,
    RandomForestClassifier,
    RandomForestRegressor,
)
from sklearn.impute import SimpleImputer  # noqa: E402
from sklearn.linear_model import LinearRegression, LogisticRegression  # noqa: E402
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor  # noqa: E402
from sklearn.pipeline import Pipeline  # noqa: E402
from sklearn.preprocessing import OneHotEncoder, StandardScaler  # noqa: E402
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor  # noqa: E402

ROOT = os.path.join("src", "test", "resources", "sklearn")
MODELS = os.path.join(ROOT, "models")
SHARED = os.path.join("..", "shared", "fixtures", "models")
METHODS = ["predict", "predict_proba", "predict_log_proba", "decision_function"]


def plain(v):
    """JSON-able Python value; NaN becomes null."""
    if isinstance(v, (np.generic,)):
        v = v.item()
    if isinstance(v, float) and math.isnan(v):
        return None
    return v


def rows_of(X):
    if isinstance(X, pd.DataFrame):
        return [[plain(v) for v in row] for row in X.itertuples(index=False)]
    return [[plain(v) for v in row] for row in np.asarray(X).tolist()]


def describe_input(X):
    if isinstance(X, pd.DataFrame):
        return {"columns": list(X.columns), "dtypes": [str(t) for t in X.dtypes], "rows": rows_of(X)}
    return {"tensor": True, "dtype": str(np.asarray(X).dtype), "rows": rows_of(X)}


def answers(model, X):
    out = {}
    for m in METHODS:
        if not hasattr(model, m):
            continue
        try:
            y = getattr(model, m)(X)
            out[m] = {"predictions": np.vectorize(plain, otypes=[object])(y).tolist() if y.dtype == object else y.tolist()}
        except Exception as e:  # what sklearn raises is the expected answer
            out[m] = {"error": type(e).__name__, "message": str(e)}
    return out


def save(name, model, X_train, X_test, fmt, extra_inputs=(), predict_fn="predict"):
    path = os.path.join(MODELS, name)
    shutil.rmtree(path, ignore_errors=True)
    signature = infer_signature(X_train, model.predict(X_train))
    mlflow.sklearn.save_model(model, path, serialization_format=fmt, signature=signature,
                              pip_requirements=["scikit-learn==1.2.1"], pyfunc_predict_fn=predict_fn)
    cases = [dict(name="rows", input=describe_input(X_test), expect=answers(model, X_test))]
    for case_name, X in extra_inputs:
        cases.append(dict(name=case_name, input=describe_input(X), expect=answers(model, X)))
    with open(os.path.join(path, "cases.json"), "w") as f:
        json.dump({"model": name, "estimator": type(model).__name__, "serialization_format": fmt, "cases": cases}, f)
    print(f"{name}: {type(model).__name__} {fmt}, {len(X_test)} rows, methods {sorted(cases[0]['expect'])}")


def numeric(rng, n, d, names=None):
    X = rng.normal(size=(n, d)) * rng.uniform(0.5, 3, size=d) + rng.uniform(-2, 2, size=d)
    return pd.DataFrame(X, columns=names or [f"x{i}" for i in range(d)])


def generate_models():
    rng = np.random.default_rng(42)
    os.makedirs(MODELS, exist_ok=True)
    n_train, n_test = 120, 50

    X = numeric(rng, n_train + n_test, 4)
    Xtr, Xte = X[:n_train], X[n_train:]
    score = Xtr["x0"] - 0.7 * Xtr["x1"] + 0.3 * Xtr["x2"] * Xtr["x3"]
    y_bin = (score > score.median()).astype(int).values
    y3 = np.digitize(score, np.quantile(score, [1 / 3, 2 / 3]))
    y_str = np.array(["alpha", "beta", "gamma"], dtype=object)[y3]
    y_bool = score.values > score.median()
    y_reg = (score + 0.1 * rng.normal(size=n_train)).values
    y_multi = np.column_stack([y_reg, Xtr["x1"].values * 2 - Xtr["x3"].values])
    bad = [("zero_rows", Xte.iloc[:0]), ("nan", Xte.iloc[:2].assign(x1=[np.nan, 1.0])),
           ("wrong_width", Xte.iloc[:3, :3])]

    save("logreg_binary_int", LogisticRegression().fit(Xtr, y_bin), Xtr, Xte, "pickle", bad)
    save("logreg_multinomial_str", LogisticRegression(max_iter=500).fit(Xtr, y_str), Xtr, Xte, "cloudpickle", bad,
         predict_fn="predict_proba")
    save("logreg_ovr_int", LogisticRegression(multi_class="ovr").fit(Xtr, y3), Xtr, Xte, "pickle")
    save("logreg_liblinear_bool", LogisticRegression(solver="liblinear").fit(Xtr, y_bool), Xtr, Xte, "cloudpickle")
    save("logreg_multinomial_binary", LogisticRegression(multi_class="multinomial").fit(Xtr, y_bin), Xtr, Xte, "pickle")
    save("linreg_single", LinearRegression().fit(Xtr, y_reg), Xtr, Xte, "pickle", bad)
    save("linreg_multi_output", LinearRegression().fit(Xtr.values, y_multi), Xtr.values, Xte.values, "cloudpickle",
         [("wrong_width", Xte.values[:3, :3])])
    save("dtree_clf_str", DecisionTreeClassifier(max_depth=4, random_state=0).fit(Xtr, y_str), Xtr, Xte, "pickle", bad)
    save("dtree_reg_multi_output", DecisionTreeRegressor(max_depth=4, random_state=0).fit(Xtr, y_multi), Xtr, Xte,
         "cloudpickle")
    save("rf_clf_bool", RandomForestClassifier(n_estimators=5, max_depth=4, random_state=0).fit(Xtr, y_bool), Xtr, Xte,
         "pickle", bad)
    save("rf_clf_int_proba", RandomForestClassifier(n_estimators=4, max_depth=3, random_state=1).fit(Xtr, y3), Xtr, Xte,
         "cloudpickle", predict_fn="predict_proba")
    save("rf_reg", RandomForestRegressor(n_estimators=5, max_depth=4, random_state=0).fit(Xtr, y_reg), Xtr, Xte,
         "cloudpickle", bad)
    save("extra_trees_reg", ExtraTreesRegressor(n_estimators=3, max_depth=3, random_state=0).fit(Xtr, y_reg), Xtr, Xte,
         "pickle")
    save("gbc_binary_int", GradientBoostingClassifier(n_estimators=10, max_depth=2, random_state=0).fit(Xtr, y_bin), Xtr,
         Xte, "pickle", bad)
    save("gbc_multiclass_str", GradientBoostingClassifier(n_estimators=8, max_depth=2, random_state=0).fit(Xtr, y_str),
         Xtr, Xte, "cloudpickle")
    save("gbc_exponential_bool", GradientBoostingClassifier(loss="exponential", n_estimators=8, max_depth=2,
                                                            random_state=0).fit(Xtr, y_bool), Xtr, Xte, "pickle")
    save("gbr_squared_error", GradientBoostingRegressor(n_estimators=10, max_depth=2, random_state=0).fit(Xtr, y_reg),
         Xtr, Xte, "cloudpickle", bad)
    save("gbr_huber", GradientBoostingRegressor(loss="huber", n_estimators=8, max_depth=2, random_state=0).fit(Xtr, y_reg),
         Xtr, Xte, "pickle")
    save("gbr_quantile_init_zero", GradientBoostingRegressor(loss="quantile", alpha=0.8, init="zero", n_estimators=8,
                                                             max_depth=2, random_state=0).fit(Xtr, y_reg), Xtr, Xte,
         "cloudpickle")
    save("knn_clf_uniform_euclidean", KNeighborsClassifier(n_neighbors=5).fit(Xtr, y_str), Xtr, Xte, "pickle", bad)
    save("knn_clf_distance_manhattan", KNeighborsClassifier(n_neighbors=4, weights="distance", p=1).fit(Xtr, y3), Xtr,
         Xte, "cloudpickle")
    save("knn_clf_brute_bool", KNeighborsClassifier(n_neighbors=3, algorithm="brute", metric="manhattan").fit(Xtr, y_bool),
         Xtr, Xte, "pickle")
    save("knn_reg_distance_euclidean", KNeighborsRegressor(n_neighbors=5, weights="distance").fit(Xtr, y_reg), Xtr, Xte,
         "pickle", bad)
    save("knn_reg_uniform_minkowski3", KNeighborsRegressor(n_neighbors=3, p=3).fit(Xtr, y_multi), Xtr, Xte, "cloudpickle")
    save("dummy_prior_str", DummyClassifier(strategy="prior").fit(Xtr, y_str), Xtr, Xte, "pickle")

    # Mixed-type DataFrame: string, long, double (with missing values), bool.
    n = n_train + n_test
    mixed = pd.DataFrame({
        "color": rng.choice(["red", "green", "blue", "white"], size=n).astype(object),
        "size": rng.integers(1, 20, size=n),
        "price": np.round(rng.uniform(5, 100, size=n), 2),
        "weight": np.round(rng.normal(3, 1, size=n), 3),
        "member": rng.random(n) > 0.5,
    })
    mixed.loc[rng.random(n) < 0.1, "weight"] = np.nan
    ym = np.where(mixed["price"] / 10 + (mixed["color"] == "red") * 3 + mixed["member"] * 2 > 7, "buy", "skip")
    mtr, mte = mixed[:n_train], mixed[n_train:].reset_index(drop=True)
    ymtr = ym[:n_train]
    unknown = mte.iloc[:2].assign(color=["purple", "red"])
    mixed_bad = [("unknown_category", unknown), ("zero_rows", mte.iloc[:0])]

    pre = ColumnTransformer([
        ("num", Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())]), ["price", "weight"]),
        ("cat", OneHotEncoder(handle_unknown="ignore"), ["color"]),
    ], remainder="passthrough")
    save("pipeline_ct_logreg_proba", Pipeline([("pre", pre), ("clf", LogisticRegression(max_iter=500))]).fit(mtr, ymtr),
         mtr, mte, "cloudpickle", mixed_bad, predict_fn="predict_proba")

    pre2 = ColumnTransformer([
        ("cat", OneHotEncoder(handle_unknown="error", drop="first", sparse_output=False), ["color"]),
        ("num", "passthrough", ["size", "price"]),
        ("gone", "drop", ["weight"]),
    ], remainder="drop")
    save("pipeline_ohe_error_rf", Pipeline([("pre", pre2), ("rf", RandomForestClassifier(
        n_estimators=4, max_depth=3, random_state=0))]).fit(mtr, ymtr), mtr, mte, "pickle", mixed_bad)

    pre3 = ColumnTransformer([
        ("impute_color", Pipeline([("imp", SimpleImputer(strategy="most_frequent")),
                                   ("ohe", OneHotEncoder(handle_unknown="ignore"))]), ["color"]),
        ("weight", SimpleImputer(strategy="constant", fill_value=-1.0), ["weight"]),
    ], remainder=StandardScaler())
    mtr3 = mtr.drop(columns=["member"])
    mte3 = mte.drop(columns=["member"])
    save("pipeline_imputers_gbr", Pipeline([("pre", pre3), ("gbr", GradientBoostingRegressor(
        n_estimators=6, max_depth=2, random_state=0))]).fit(mtr3, mtr3["price"] * 2), mtr3, mte3, "cloudpickle")

    # ndarray input: positional selectors (int list, slice, bool mask) and a passthrough remainder.
    A = Xtr.values
    ct_idx = ColumnTransformer([
        ("scale", StandardScaler(), [0, 2]),
        ("sl", "passthrough", slice(1, 2)),
        ("mask", StandardScaler(with_mean=False), [False, False, False, True]),
    ])
    save("ct_positional_dtree", Pipeline([("ct", ct_idx), ("tree", DecisionTreeRegressor(max_depth=3, random_state=0))])
         .fit(A, y_reg), A, Xte.values, "pickle", [("wrong_width", Xte.values[:3, :3])])


def fixture_input_examples():
    out = {}
    for name in sorted(os.listdir(SHARED)):
        model_dir = os.path.join(SHARED, name, "model")
        example = os.path.join(model_dir, "input_example.json")
        if not name.startswith("sklearn_") or not os.path.exists(example):
            continue
        pyfunc = mlflow.pyfunc.load_model(model_dir)
        with open(example) as f:
            data = json.load(f)
        if "inputs" in data:
            X = np.asarray(data["inputs"], dtype=np.float64)
        else:
            X = pd.DataFrame(data["data"], columns=data["columns"])
        y = np.asarray(pyfunc.predict(X))
        out[name] = y.tolist()
    with open(os.path.join(ROOT, "fixture_input_examples.json"), "w") as f:
        json.dump(out, f, indent=1)
    print(f"fixture input examples: {sorted(out)}")


class Payload:
    def __init__(self, func, args):
        self.func, self.args = func, args

    def __reduce__(self):
        return self.func, self.args


def hostile():
    import builtins
    import subprocess
    from sklearn.svm import SVC

    folder = os.path.join(ROOT, "hostile")
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)

    def write(name, data):
        with open(os.path.join(folder, name), "wb") as f:
            f.write(data)

    write("os_system_reduce.pkl", pickle.dumps(Payload(os.system, ("echo pwned",)), protocol=4))
    write("posix_system_proto2.pkl", pickle.dumps(Payload(os.system, ("echo pwned",)), protocol=2))
    write("subprocess_popen.pkl", pickle.dumps(Payload(subprocess.Popen, (["id"],)), protocol=4))
    write("builtins_eval.pkl", pickle.dumps(Payload(builtins.eval, ("__import__('os').system('id')",)), protocol=4))
    write("builtins_exec.pkl", pickle.dumps(Payload(builtins.exec, ("import os",)), protocol=5))
    write("builtins_import.pkl", pickle.dumps(Payload(builtins.__import__, ("os",)), protocol=3))

    def su(s):
        b = s.encode()
        return b"\x8c" + bytes([len(b)]) + b

    # getattr(__import__('os'), 'system')('id') written with STACK_GLOBAL/REDUCE by hand.
    getattr_chain = (b"\x80\x04" + su("builtins") + su("getattr") + b"\x93"
                     + su("builtins") + su("__import__") + b"\x93" + su("os") + b"\x85R"
                     + su("system") + b"\x86R" + su("id") + b"\x85R.")
    write("getattr_chain.pkl", getattr_chain)
    # A valid estimator whose state hides a payload: refused although the outer class is allowlisted.
    lr = LogisticRegression().fit([[0.0], [1.0]], [0, 1])
    lr.hidden = Payload(os.system, ("echo pwned",))
    write("payload_inside_estimator.pkl", pickle.dumps(lr, protocol=4))
    # copyreg._reconstructor of a class that is not allowlisted.
    write("reconstructor_unknown_class.pkl", b"\x80\x02" + b"ccopyreg\n_reconstructor\n" + b"cos\n_wrap_close\n"
          + b"cbuiltins\nobject\nN\x87R.")
    svc = SVC().fit([[0.0], [1.0]], [0, 1])
    write("unknown_estimator_svc.pkl", pickle.dumps(svc, protocol=4))
    write("numpy_gadget.pkl", b"\x80\x04" + su("numpy.testing._private.utils") + su("runstring") + b"\x93"
          + su("import os") + b"}\x86R.")
    real = pickle.dumps(lr.__class__().fit([[0.0], [1.0]], [0, 1]), protocol=4)
    write("truncated_estimator.pkl", real[: len(real) // 2])
    # numpy object arrays pickle their elements as ordinary objects: a global among them is still a global.
    write("object_array_of_globals.pkl", pickle.dumps(np.array([os.system, 1.5], dtype=object), protocol=4))
    write("object_array_of_payloads.pkl", pickle.dumps(np.array([Payload(os.system, ("id",))], dtype=object), protocol=2))
    print(f"hostile pickles: {sorted(os.listdir(folder))}")


def protocols():
    folder = os.path.join(ROOT, "protocols")
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    lr = LogisticRegression().fit([[0.0, 1.0], [1.0, 0.0], [2.0, 2.0]], [0, 1, 1])
    expected = {"rows": [[0.5, 0.5], [3.0, -1.0]], "predict_proba": lr.predict_proba([[0.5, 0.5], [3.0, -1.0]]).tolist()}
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        with open(os.path.join(folder, f"logreg_protocol{protocol}.pkl"), "wb") as f:
            pickle.dump(lr, f, protocol=protocol)
    with open(os.path.join(folder, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
    print(f"protocol pickles: {sorted(os.listdir(folder))}")


if __name__ == "__main__":
    if not os.path.isdir(SHARED):
        sys.exit("run from the project root, with ../shared beside it")
    generate_models()
    fixture_input_examples()
    hostile()
    protocols()
