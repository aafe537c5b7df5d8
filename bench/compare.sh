#!/usr/bin/env bash
# Modelport beside MLflow's own scoring server on the same fixtures, in one run (see bench/README.md).
#   bench/compare.sh [--runs N] [--duration S] [--connections 1,8,64] [--skip-cold] [--baseline-app DIR] [--skip-mlflow] [fixture...]
# Builds the app (and the bare Quarkus baseline, bench/bare-quarkus, unless --skip-mlflow) first when missing.
# --baseline-app DIR: another build (its target/quarkus-app, or its repository root) timed beside this one, interleaved.
# Needs wrk and Debian's /usr/bin/python3.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
. "$root/bin/jdk.sh"
if [ ! -f "$root/target/quarkus-app/quarkus-run.jar" ]; then
  (cd "$root" && ./mvnw -q package -DskipTests -DskipConformance) >&2
fi
skip_mlflow=
for arg in "$@"; do if [ "$arg" = --skip-mlflow ]; then skip_mlflow=1; fi; done
if [ -z "$skip_mlflow" ] && [ ! -f "$here/bare-quarkus/target/quarkus-app/quarkus-run.jar" ]; then
  (cd "$here/bare-quarkus" && "$root/mvnw" -q package) >&2
fi
# python_function models (pyfunc_add_n) run on Debian's Python with MLflow from ../shared, as in bin/test
export MODELPORT_PYTHON="${MODELPORT_PYTHON:-/usr/bin/python3}"
export MODELPORT_PYTHONPATH="${MODELPORT_PYTHONPATH:-$(cd "$root/../shared" && pwd)/peers/mlflow-src}"
command -v wrk >/dev/null || { echo "compare.sh: needs wrk (apt-get install wrk)" >&2; exit 1; }
exec /usr/bin/python3 "$here/compare.py" "$@"
