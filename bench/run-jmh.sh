#!/usr/bin/env bash
# Modelport's JMH benchmarks beside the libraries' own predict, in one run (see bench/README.md).
#   bench/run-jmh.sh [JMH arguments...]     e.g. bench/run-jmh.sh PredictBench -p rows=1 (JMH_OPTS replaces "-f 1 -wi 3 -w 1s -i 5 -r 1s")
# Installs the app jar (root: mvnw install -DskipTests -DskipConformance; BENCH_SKIP_INSTALL=1 skips it),
# saves the benchmark models and times scikit-learn / Python XGBoost on them (python_models.py, Debian's
# /usr/bin/python3; BENCH_REGENERATE=1 trains them again), runs JMH, then prints the ratio tables (report.py).
set -euo pipefail
# one thread per prediction on every side: Modelport scores a request on one thread, so the libraries'
# OpenMP pools (xgboost, HistGradientBoosting) get one too; a per-core comparison on a shared machine
export OMP_NUM_THREADS=1
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
shared="${MODELPORT_SHARED:-$(dirname "$root")/shared}"
. "$root/bin/jdk.sh"
if [ "${BENCH_SKIP_INSTALL:-0}" != 1 ]; then
  (cd "$root" && ./mvnw -B -q install -DskipTests -DskipConformance) >&2
fi
"$root/mvnw" -B -q -f "$here/pom.xml" package >&2
models="$here/target/bench-models"
[ "${BENCH_REGENERATE:-0}" = 1 ] && rm -rf "$models"   # else models saved by an earlier run are reused
mkdir -p "$models"
echo "run-jmh: saving the benchmark models and timing scikit-learn/XGBoost in Python ..." >&2
PYTHONPATH="$shared/peers/mlflow-src" /usr/bin/python3 "$here/python_models.py" "$models" 2> "$here/target/python_models.log"
"$JAVA_HOME/bin/java" -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" org.openjdk.jmh.Main \
  ${JMH_OPTS:--f 1 -wi 3 -w 1s -i 5 -r 1s} -rf json -rff "$here/target/jmh.json" \
  -jvmArgs "--enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -Dbench.models=$models -Dmodelport.shared=$shared" "$@" >&2
/usr/bin/python3 "$here/report.py" "$here/target/jmh.json" "$models/python-times.json"
