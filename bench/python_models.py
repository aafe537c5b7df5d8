"""Benchmark models and scikit-learn's own prediction times (run by run-jmh.sh with Debian's /usr/bin/python3).

  python_models.py OUT_DIR

Writes into OUT_DIR (a model already there is loaded, not trained again), for each benchmark model NAME:
  NAME/model/            an MLflow model saved by MLflow itself (mlflow.sklearn / mlflow.xgboost)
  NAME/rows-N.json       a dataframe_split request body of N rows (the same rows both sides predict)
and OUT_DIR/python-times.json: {"NAME": {"N": microseconds per predict call}} for scikit-learn's own
predict on the same rows (a pandas DataFrame, as MLflow's pyfunc passes it), median of repeated runs.
The XGBoost model's baseline is xgboost4j, timed by JMH in the same run; it is only generated here.
"""
import json
import os
import sys
import timeit
import warnings

import numpy as np
import pandas as pd

warnings.filterwarnings("ignore")
import mlflow.sklearn  # noqa: E402
import mlflow.xgboost  # noqa: E402
from mlflow.models import infer_signature  # noqa: E402
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier  # noqa: E402
import xgboost  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(os.path.dirname(os.path.dirname(HERE)), "shared", "fixtures", "models")
ROWS = (1, 1000, 10000)


def write_rows(out, frame):
    for n in ROWS:
        rows = frame.iloc[[i % len(frame) for i in range(n)]]
        split = json.loads(rows.to_json(orient="split", index=False))
        with open(os.path.join(out, f"rows-{n}.json"), "w") as f:
            json.dump({"dataframe_split": split}, f)


def median_us(predict, frame):
    """Median microseconds per call of predict(frame), over repeats long enough to be stable."""
    predict(frame)
    number = max(1, int(0.2 / max(timeit.timeit(lambda: predict(frame), number=1), 1e-6)))
    runs = sorted(t / number for t in timeit.repeat(lambda: predict(frame), number=number, repeat=7))
    return runs[len(runs) // 2] * 1e6


def main(out):
    rng = np.random.default_rng(7)
    x = pd.DataFrame(rng.normal(size=(2000, 10)), columns=[f"x{i}" for i in range(10)])
    y = (x["x0"] + x["x1"] * x["x2"] + rng.normal(scale=0.5, size=len(x)) > 0).astype(int)
    times = {}

    models = {
        "sklearn_random_forest_100": lambda: RandomForestClassifier(n_estimators=100, random_state=0),
        "sklearn_hist_gradient_boosting": lambda: HistGradientBoostingClassifier(max_iter=100, random_state=0),
    }
    for name, estimator in models.items():
        d = os.path.join(out, name)
        if os.path.exists(os.path.join(d, "model")):
            model = mlflow.sklearn.load_model(os.path.join(d, "model"))
        else:
            model = estimator().fit(x, y)
            mlflow.sklearn.save_model(model, os.path.join(d, "model"), signature=infer_signature(x, model.predict(x)))
        write_rows(d, x)
        times[name] = {n: median_us(model.predict, x.iloc[[i % len(x) for i in range(n)]]) for n in ROWS}

    # the mixed pipeline fixture as MLflow saved it, on its input example's rows repeated
    fixture = os.path.join(FIXTURES, "sklearn_pipeline_mixed", "model")
    pipeline = mlflow.sklearn.load_model(fixture)
    with open(os.path.join(fixture, "input_example.json")) as f:
        example = json.load(f)
    frame = pd.DataFrame(example["data"], columns=example["columns"])
    d = os.path.join(out, "sklearn_pipeline_mixed")
    os.makedirs(d, exist_ok=True)
    if not os.path.exists(os.path.join(d, "model")):
        os.symlink(fixture, os.path.join(d, "model"))
    write_rows(d, frame)
    times["sklearn_pipeline_mixed"] = {n: median_us(pipeline.predict, frame.iloc[[i % len(frame) for i in range(n)]]) for n in ROWS}

    # 500 trees of depth 6, binary:logistic; xgboost4j loads the same model.json
    xs = pd.DataFrame(rng.normal(size=(5000, 20)), columns=[f"f{i}" for i in range(20)])
    xs = xs.mask(rng.random(xs.shape) < 0.05)   # some missing values take the default directions
    ys = (xs["f0"].fillna(0) + xs["f1"].fillna(0) * xs["f2"].fillna(0) > 0).astype(int)
    d = os.path.join(out, "xgboost_500_trees")
    if os.path.exists(os.path.join(d, "model")):
        booster = mlflow.xgboost.load_model(os.path.join(d, "model"))
    else:
        booster = xgboost.train({"objective": "binary:logistic", "max_depth": 6, "eta": 0.1, "seed": 0},
                                xgboost.DMatrix(xs, label=ys), num_boost_round=500)
        mlflow.xgboost.save_model(booster, os.path.join(d, "model"), model_format="json",
                                  signature=infer_signature(xs, booster.predict(xgboost.DMatrix(xs))))
    write_rows(d, xs)
    times["xgboost_500_trees"] = {n: median_us(lambda f: booster.predict(xgboost.DMatrix(f)), xs.iloc[[i % len(xs) for i in range(n)]])
                                  for n in ROWS}

    with open(os.path.join(out, "python-times.json"), "w") as f:
        json.dump({"sklearn": __import__("sklearn").__version__, "xgboost": xgboost.__version__, "times_us": times}, f, indent=1)


if __name__ == "__main__":
    main(sys.argv[1])
