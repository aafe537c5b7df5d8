"""Prints run-jmh.sh's tables: the evaluators beside the libraries' own predict, and the data path's steps.

  report.py JMH_RESULT_JSON PYTHON_TIMES_JSON
"""
import json
import os
import platform
import sys

BASELINE_JMH = {"xgboost_500_trees": "Xgboost4jBench.predict"}   # model -> its JVM binding's benchmark


def us(v):
    return "—" if v is None else f"{v:,.0f} µs" if v >= 100 else f"{v:.2f} µs" if v < 10 else f"{v:.1f} µs"


def ratio(ours, theirs):
    if ours is None or theirs is None:
        return "—"
    r = theirs / ours
    return f"**{r:.1f}×**" if r >= 10 else f"**{r:.2f}×**"


def main(jmh_file, python_file):
    with open(jmh_file) as f:
        results = json.load(f)
    with open(python_file) as f:
        python = json.load(f)
    score = {}
    for r in results:
        name = r["benchmark"].rsplit(".", 2)
        key = (f"{name[-2]}.{name[-1]}", r["params"].get("model"), int(r["params"]["rows"]))
        score[key] = r["primaryMetric"]["score"]
    jvm = results[0]["vmName"] + " " + results[0]["jdkVersion"] if results else "?"
    print(f"## JMH ({jvm}, {os.cpu_count()} cores, {platform.platform()}; average time per call, 1 fork, 5×1 s after 3×1 s warm-up)\n")
    print(f"Evaluators (`Predictor.predict` on decoded, enforced rows) beside the libraries' own predict on the same rows, same run"
          f" (scikit-learn {python['sklearn']} and Python xgboost {python['xgboost']}: median of timeit repeats, a pandas DataFrame in).\n")
    print("| model | rows | Modelport | xgboost4j 3.4.0 | Modelport vs xgboost4j | Python library | Modelport vs Python |")
    print("|---|---|---|---|---|---|---|")
    for model, by_rows in python["times_us"].items():
        for rows, theirs in by_rows.items():
            rows = int(rows)
            ours = score.get(("PredictBench.predict", model, rows))
            jni = score.get((BASELINE_JMH[model], model, rows)) if model in BASELINE_JMH else None
            print(f"| {model} | {rows:,} | {us(ours) if ours is not None else 'not loadable'} | {us(jni) if model in BASELINE_JMH else ''} |"
                  f" {ratio(ours, jni) if model in BASELINE_JMH else ''} | {us(theirs)} | {ratio(ours, theirs)} |")
    lightgbm = sorted({rows for (bench, model, rows) in score if bench.startswith("LightgbmBench.")})
    if lightgbm:
        print("\nLightGBM (a 500-tree binary booster trained with lightgbm4j, 20 features, 5 % missing) beside"
              " lightgbm4j 4.3.0-1 (LightGBM's C library over JNI; its single-row call for one row), same run:\n")
        print("| rows | Modelport | lightgbm4j | Modelport vs lightgbm4j |")
        print("|---|---|---|---|")
        for rows in lightgbm:
            ours = score.get(("LightgbmBench.modelport", None, rows))
            theirs = score.get(("LightgbmBench.lightgbm4j", None, rows))
            print(f"| {rows:,} | {us(ours)} | {us(theirs)} | {ratio(ours, theirs)} |")
    print("\nThe data path, step by step (µs per call; ns per row):\n")
    print("| step | model | rows | time | per row |")
    print("|---|---|---|---|---|")
    for (bench, model, rows), v in sorted(score.items()):
        if bench.split(".")[0] in ("DecodeBench", "EnforceBench", "ScoreBench"):
            print(f"| {bench} | {model} | {rows:,} | {us(v)} | {v * 1000 / rows:,.0f} ns |")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
