"""Modelport beside MLflow's own scoring server, in one run on this machine (run through compare.sh).

For each fixture: cold start (process start -> first GET /ping 200, median of --runs interleaved runs:
MLflow with 1 worker; Modelport on a plain JVM, with the AOT cache the build trained on the bundled
model, and with one trained on this fixture; a bare Quarkus app, plain and with its AOT cache), then under load for MLflow with 1 and 2 workers and Modelport: single-row dataframe_split
/invocations with wrk at each connection count (requests/s, p50, p99), one 10,000-row request, RSS of
the whole process tree after warm-up and after the load run. Plus Modelport's GET /ping under the
same load: the HTTP floor of this machine. Prints markdown tables with ratios; never asserts.

With --baseline-app DIR, every Modelport figure is measured for this build and for the one in DIR too,
interleaved, and printed as current / baseline; --skip-mlflow leaves out MLflow and the bare Quarkus app.
"""
import argparse
import http.client
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.environ.get("MODELPORT_SHARED", os.path.join(os.path.dirname(ROOT), "shared"))
FIXTURES = os.path.join(SHARED, "fixtures", "models")
MLFLOW_SERVE = os.path.join(SHARED, "peers", "mlflow-serve.sh")
MODELPORT = os.path.join(ROOT, "bin", "modelport")
BARE_APP = os.path.join(HERE, "bare-quarkus", "target", "quarkus-app")
POST_LUA = os.path.join(HERE, "post.lua")
DEFAULT_FIXTURES = ["sklearn_logreg_iris", "sklearn_pipeline_mixed", "xgboost_booster_json", "pyfunc_add_n"]
JVM_OPTS = "-XX:+UseSerialGC -Xms32m -Xmn24m"   # bin/modelport's default (MODELPORT_JAVA_OPTS replaces it)
BATCH_ROWS = 10_000
BATCH_WARMUP, BATCH_RUNS = 10, 20   # the machine is shared: a median of 20 moves less with a neighbour's burst


class Build:
    """A built Quarkus app directory (quarkus-run.jar, and app.aot when the build trained one)."""

    def __init__(self, label, app_dir):
        self.label, self.app_dir = label, app_dir
        self.jar = os.path.join(app_dir, "quarkus-run.jar")
        self.cache = os.path.join(app_dir, "app.aot")   # what bin/modelport uses by default

    def describe(self):
        built = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(os.path.getmtime(self.jar)))
        rev = subprocess.run(["git", "--no-optional-locks", "-C", self.app_dir, "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True).stdout.strip()
        aot = "with app.aot" if os.path.exists(self.cache) else "no app.aot"
        return f"`{self.app_dir}` (built {built}{f', git HEAD {rev}' if rev else ''}, {aot})"


CURRENT = Build("current", os.path.join(ROOT, "target", "quarkus-app"))
BASELINE = None         # --baseline-app: a Build; then both builds are launched by launch_argv, identically


def app_dir_of(path):
    """A Quarkus app directory, given as itself or as the repository root holding target/quarkus-app."""
    for d in (path, os.path.join(path, "target", "quarkus-app")):
        if os.path.isfile(os.path.join(d, "quarkus-run.jar")):
            return os.path.abspath(d)
    raise SystemExit(f"--baseline-app {path}: no quarkus-run.jar there nor in {os.path.join(path, 'target', 'quarkus-app')}")


_argv_memo = {}


def launch_argv(build, java_opts, cache, work):
    """The java command line bin/modelport execs (JVM options, AOT cache and its log options, the rest), with the
    build's quarkus-run.jar in place of this repo's: bin/modelport is run once per (options, cache) with a stand-in
    JAVA_HOME whose bin/java prints its arguments, so both builds start exactly as bin/modelport starts this one,
    without the shell in front (which would otherwise be timed for one build only)."""
    key = (java_opts, cache, bool(cache) and os.path.exists(cache))
    if key not in _argv_memo:
        if not os.path.isfile(CURRENT.jar):   # bin/modelport would build it (compare.sh does, before this)
            raise SystemExit(f"{CURRENT.jar} is missing: build the app first")
        java = os.path.join(os.environ["JAVA_HOME"], "bin", "java")
        shim = os.path.join(work, "java-shim")
        if not os.path.exists(shim):
            os.makedirs(os.path.join(shim, "bin"))
            if os.path.exists(os.path.join(os.environ["JAVA_HOME"], "release")):   # bin/jdk.sh reads the version there
                shutil.copy(os.path.join(os.environ["JAVA_HOME"], "release"), shim)
            with open(os.path.join(shim, "bin", "java"), "w") as f:
                f.write(f'#!/bin/sh\n[ "$1" = -version ] && exec "{java}" "$@"\nprintf \'%s\\0\' "$@"\n')
            os.chmod(os.path.join(shim, "bin", "java"), 0o755)
        out = subprocess.run([MODELPORT, "@ARGS@"], capture_output=True, check=True,
                             env={**os.environ, "JAVA_HOME": shim, "MODELPORT_JAVA_OPTS": java_opts,
                                  "MODELPORT_AOT_CACHE": cache}).stdout.decode()
        argv = [java, *out.split("\0")[:-1]]
        jar = argv.index("-jar") + 1
        if argv[jar] != CURRENT.jar or argv[-1] != "@ARGS@":
            raise SystemExit(f"bin/modelport's java command line is not `... -jar {CURRENT.jar} ARGS`: {argv}")
        _argv_memo[key] = (argv, jar)
    argv, jar = _argv_memo[key]
    argv = list(argv[:-1])
    argv[jar] = build.jar
    return argv


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A server process in its own session, so the whole tree (gunicorn and its workers) stops together."""

    def __init__(self, name, cmd, port, log_dir, env=None):
        self.name, self.port = name, port
        self.log = open(os.path.join(log_dir, f"{name}-{port}.log"), "wb")
        self.started = time.monotonic()
        self.proc = subprocess.Popen(cmd, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
                                     env={**os.environ, **(env or {})})

    def wait_ready(self, timeout=120):
        """Seconds from process start to the first /ping 200, or None when the process exited first."""
        deadline = self.started + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return None
            try:
                c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=1)
                c.request("GET", "/ping")
                status = c.getresponse().status
                c.close()
                if status == 200:
                    return time.monotonic() - self.started
            except OSError:
                pass
            time.sleep(0.005)
        return None

    def aot_refused(self):
        """Whether the JVM said it could not use the AOT cache (bin/modelport logs AOT warnings and errors to stderr)."""
        with open(self.log.name, "rb") as f:
            return any(b"][aot" in l and (b"[error]" in l or b"[warning]" in l) for l in f)

    def rss_mb(self):
        """VmRSS of the process and all its descendants, in MB."""
        children = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat") as f:
                        ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                    children.setdefault(ppid, []).append(int(entry))
                except (OSError, IndexError, ValueError):
                    pass
        total, todo = 0, [self.proc.pid]
        while todo:
            pid = todo.pop()
            todo.extend(children.get(pid, []))
            try:
                with open(f"/proc/{pid}/status") as f:
                    total += next(int(l.split()[1]) for l in f if l.startswith("VmRSS:"))
            except (OSError, StopIteration):
                pass
        return total / 1024

    def stop(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.log.close()


def mlflow(model_dir, workers, log_dir):
    port = free_port()
    return Server(f"mlflow-w{workers}", [MLFLOW_SERVE, model_dir, str(port), str(workers)], port, log_dir)


def modelport(model_dir, log_dir, java_opts=JVM_OPTS, name="modelport", cache=None, build=CURRENT):
    """A build serving the model, with the AOT cache that build trained (default), another one, or none ("").
    bin/modelport itself, or with --baseline-app its java command line (launch_argv) for either build."""
    port = free_port()
    cache = build.cache if cache is None else cache
    env = {"MODELPORT_JAVA_OPTS": java_opts, "MODELPORT_AOT_CACHE": cache}
    serve = ["models", "serve", "-m", model_dir, "-p", str(port)]
    if BASELINE is None:
        return Server(name, [MODELPORT, *serve], port, log_dir, env=env)
    return Server(name, [*launch_argv(build, java_opts, cache, log_dir), *serve], port, log_dir, env=env)


def bare_quarkus(log_dir, java_opts=JVM_OPTS, name="bare-quarkus", cache=""):
    """The baseline: a Quarkus app with one GET /ping route, same Quarkus, JDK, options and packaging (bench/bare-quarkus)."""
    port = free_port()
    aot = [f"-XX:AOTCache={cache}"] if cache else []
    return Server(name, [os.path.join(os.environ["JAVA_HOME"], "bin", "java"), *java_opts.split(), *aot,
                         f"-Dquarkus.http.port={port}", "-jar", os.path.join(BARE_APP, "quarkus-run.jar")], port, log_dir)


def request(port, body, timeout=120, content_type="application/json"):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    c.request("POST", "/invocations", body=body, headers={"Content-Type": content_type})
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, data


def bodies(fixture):
    """(single-row, 10,000-row) dataframe_split bodies from the input example, else from a recorded request."""
    example = os.path.join(FIXTURES, fixture, "model", "input_example.json")
    split = None
    if os.path.exists(example):
        with open(example) as f:
            split = json.load(f)
        split = split.get("dataframe_split", split)
    else:
        with open(os.path.join(FIXTURES, fixture, "cases.jsonl")) as f:
            for line in f:
                case = json.loads(line)
                if case["expect"]["status"] == 200 and case["request"]["body"] and "dataframe_split" in case["request"]["body"]:
                    split = json.loads(case["request"]["body"])["dataframe_split"]
                    break
    if split is None or not split.get("data"):
        raise SystemExit(f"{fixture}: no input example or recorded dataframe_split request to benchmark with")
    rows = split["data"]

    def of(n):
        frame = {k: v for k, v in split.items() if k != "data"}
        frame["data"] = [rows[i % len(rows)] for i in range(n)]
        return json.dumps({"dataframe_split": frame}).encode()

    return of(1), of(BATCH_ROWS)


def wrk(port, connections, duration, body_file=None, path="/invocations"):
    """(requests/s, p50 ms, p99 ms, failed answers) from one wrk run."""
    env = {**os.environ, "BODY_FILE": body_file or ""}
    out = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "-s", POST_LUA,
                          f"http://127.0.0.1:{port}{path}"], env=env, capture_output=True, text=True, check=True).stdout
    line = next(l for l in out.splitlines() if l.startswith("RESULT"))
    requests, seconds, non2xx, socket_errors, p50, p99 = line.split()[1:]
    return int(requests) / float(seconds), int(p50) / 1000, int(p99) / 1000, int(non2xx) + int(socket_errors)


def load_run(server, single_file, batch_body, connections, duration, warmup):
    """Figures for one running server: RSS after warm-up (wrk, then BATCH_WARMUP big requests), wrk per connection count, 10k-row latency, RSS at the end."""
    return load_runs([server], single_file, batch_body, connections, duration, warmup)[0]


def load_runs(servers, single_file, batch_body, connections, duration, warmup, flip=0):
    """load_run's figures for servers running side by side (the current and baseline builds), measured interleaved:
    each warmed up in turn, then each wrk run and each 10k-row request taken on one after the other, the order
    flipping at every connection count and every request (and with flip, e.g. the fixture's index)."""
    figs = [{} for _ in servers]
    order = lambda i: range(len(servers))[::-1 if (i + flip) % 2 else 1]
    for server, fig in zip(servers, figs):
        wrk(server.port, 8, warmup, single_file)
        for _ in range(BATCH_WARMUP):   # the JIT compiles the big-request paths too, as a long-running server has
            request(server.port, batch_body)
        fig["rss_warm"] = server.rss_mb()
    for i, c in enumerate(connections):
        for k in order(i):
            figs[k][f"rps{c}"], figs[k][f"p50_{c}"], figs[k][f"p99_{c}"], figs[k][f"fail{c}"] = wrk(servers[k].port, c, duration, single_file)
    times = [[] for _ in servers]
    for i in range(BATCH_RUNS):
        for k in order(i):
            start = time.perf_counter()
            status, _ = request(servers[k].port, batch_body)
            times[k].append((time.perf_counter() - start) * 1000)
            if status != 200:
                figs[k]["batch_fail"] = status
    for server, fig, t in zip(servers, figs, times):
        fig["batch_ms"] = statistics.median(t)
        fig["rss_end"] = server.rss_mb()
    return figs


def batch_floor(port, batch_body):
    """The big body's own cost: the same request refused at once (415, text/plain) after the server read it,
    so the client's send and read and the body's transfer, with no decoding or scoring; median of BATCH_RUNS."""
    times = []
    for _ in range(BATCH_RUNS):
        start = time.perf_counter()
        request(port, batch_body, content_type="text/plain")
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def train_cache(server, cache, exercise):
    """A JDK AOT training run: start with -XX:AOTCacheOutput, exercise the server, SIGTERM (the JVM writes the cache at exit)."""
    if server.wait_ready() is not None:
        exercise(server.port)
    server.stop()
    return os.path.exists(cache)


def train_aot_cache(model_dir, single_body, batch_body, cache, log_dir, build=CURRENT, name="modelport-aot-training"):
    """A build's cache, trained on the serve path of this model: 200 single-row requests and one batch."""
    if os.path.exists(cache):
        os.remove(cache)

    def score(port):
        for _ in range(200):
            request(port, single_body)
        request(port, batch_body)
    return train_cache(modelport(model_dir, log_dir, f"{JVM_OPTS} -XX:AOTCacheOutput={cache}", name, cache="", build=build),
                       cache, score)


def train_bare_cache(cache, log_dir):
    """The bare Quarkus app's cache: 200 GET /ping."""
    if os.path.exists(cache):
        os.remove(cache)

    def ping(port):
        for _ in range(200):
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            c.request("GET", "/ping")
            c.getresponse().read()
            c.close()
    return train_cache(bare_quarkus(log_dir, f"{JVM_OPTS} -XX:AOTCacheOutput={cache}", "bare-quarkus-aot-training"), cache, ping)


def cold_starts(model_dir, runs, caches, bare_cache, log_dir, skip_mlflow=False, notes=None):
    """Process start -> first /ping 200, median of interleaved runs per configuration. caches: the fixture-trained
    cache per build label (or None). With --baseline-app each Modelport configuration is started for both builds
    back to back, the current build first in even rounds and the baseline first in odd ones; the baseline's figures
    are keyed "baseline:<configuration>"."""
    builds = [CURRENT] + ([BASELINE] if BASELINE else [])
    key = lambda b, k: k if b is CURRENT else f"{b.label}:{k}"
    name = lambda b, n: n if BASELINE is None else f"{b.label}-{n}"
    groups = []
    if not skip_mlflow:
        groups += [[("mlflow", lambda: mlflow(model_dir, 1, log_dir))], [("bare-plain", lambda: bare_quarkus(log_dir))]]
    groups.append([(key(b, "plain"), lambda b=b: modelport(model_dir, log_dir, cache="", name=name(b, "modelport-plain"), build=b))
                   for b in builds])
    if bare_cache:
        groups.append([("bare-aot", lambda: bare_quarkus(log_dir, cache=bare_cache, name="bare-quarkus-aot"))])
    groups.append([(key(b, "shipped"), lambda b=b: modelport(model_dir, log_dir, name=name(b, "modelport-shipped-aot"), build=b))
                   for b in builds if os.path.exists(b.cache)])
    groups.append([(key(b, "aot"), lambda b=b: modelport(model_dir, log_dir, cache=caches[b.label], name=name(b, "modelport-aot"), build=b))
                   for b in builds if caches.get(b.label)])
    groups = [g for g in groups if g]
    times = {k: [] for g in groups for k, _ in g}
    refused = {}
    for r in range(runs):                       # interleaved, so machine noise hits every configuration alike
        for group in groups:
            for key_, start in group[::-1 if r % 2 else 1]:
                s = start()
                t = s.wait_ready()
                s.stop()
                if t is not None:
                    times[key_].append(t)
                if notes is not None and key_.endswith(("shipped", "aot")) and key_ not in refused and s.aot_refused():
                    refused[key_] = s.log.name
    for k, log in refused.items():
        notes.append(f"the JVM could not use the AOT cache of cold start `{k}` (log: {log})")
    return {k: statistics.median(v) if v else None for k, v in times.items()}


def fmt(v, unit=""):
    if v is None:
        return "—"
    return f"{v:,.0f}{unit}" if v >= 100 else f"{v:.2f}{unit}" if v < 10 else f"{v:.1f}{unit}"


def ratio(better, worse):
    """How many times better Modelport is (>1 = better); inputs already oriented."""
    if better is None or worse is None or better == 0:
        return "—"
    return f"**{worse / better:.1f}×**" if worse / better >= 10 else f"**{worse / better:.2f}×**"


def build_ratio(current, baseline, kind):
    """current / baseline, flagged when more than 5 % off; kind: "time" and "mb" (>1 = worse) or "rate" (>1 = better)."""
    if current is None or baseline is None or baseline == 0:
        return "—"
    r = current / baseline
    if abs(r - 1) <= 0.05:
        return f"{r:.2f}"
    worse = r < 1 if kind == "rate" else r > 1
    word = ("larger" if worse else "smaller") if kind == "mb" else ("slower" if worse else "faster")
    return f"**{r:.2f}** ⚠ {word}"


def report_builds(cold, figs, connections):
    """Modelport's figures, the current build beside the baseline (--baseline-app) with the ratio, or alone (--skip-mlflow)."""
    cur, base = figs.get("modelport"), figs.get("modelport-baseline")
    g = lambda f, k: None if f is None else f.get(k)
    rows = []
    if cold:
        for key, label in (("plain", "plain JVM"), ("shipped", "AOT cache from the build (its app.aot)"),
                           ("aot", "AOT cache trained on this model")):
            if key in cold or f"baseline:{key}" in cold:
                rows.append((f"cold start, {label}", cold.get(key), cold.get(f"baseline:{key}"), " s", "time"))
    for c in connections:
        rows.append((f"single row, {c} conn: req/s", g(cur, f"rps{c}"), g(base, f"rps{c}"), "", "rate"))
        rows += [(f"single row, {c} conn: {p}", g(cur, f"{p}_{c}"), g(base, f"{p}_{c}"), " ms", "time") for p in ("p50", "p99")]
    rows.append((f"{BATCH_ROWS:,}-row request (median of {BATCH_RUNS})", g(cur, "batch_ms"), g(base, "batch_ms"), " ms", "time"))
    rows += [(f"{label} (process tree)", g(cur, k), g(base, k), " MB", "mb")
             for k, label in (("rss_warm", "RSS after warm-up"), ("rss_end", "RSS after the load run"))]
    if BASELINE is None:
        print("| figure | Modelport |")
        print("|---|---|")
        for label, c, _, unit, _ in rows:
            print(f"| {label} | {fmt(c, unit)} |")
        return
    print("| figure | current | baseline | current / baseline (s, ms, MB: >1 = current slower or larger; req/s: >1 = current faster) |")
    print("|---|---|---|---|")
    for label, c, b, unit, kind in rows:
        print(f"| {label} | {fmt(c, unit)} | {fmt(b, unit)} | {build_ratio(c, b, kind)} |")
    flagged = sum(build_ratio(c, b, kind).endswith(("slower", "faster", "larger", "smaller")) for _, c, b, _, kind in rows)
    print(f"\n{flagged} of {len(rows)} figures more than 5 % off the baseline (⚠).")


def report(fixture, cold, figs, noop, connections, notes, skip_mlflow=False):
    m1, m2, mp = figs.get("mlflow-w1"), figs.get("mlflow-w2"), figs.get("modelport")
    g = lambda f, k: None if f is None else f.get(k)
    print(f"\n### {fixture}\n")
    if skip_mlflow:
        report_builds(cold, figs, connections)
    else:
        report_mlflow(cold, m1, m2, mp, g, connections)
        if BASELINE is not None:
            print("\nThe current build against the baseline build (--baseline-app), same run, interleaved:\n")
            report_builds(cold, figs, connections)
    if cold and not skip_mlflow:
        print("\nCold start against a bare Quarkus app (one GET /ping route; same Quarkus, JDK, JVM options and aot-jar packaging), same run:\n")
        print("| packaging | bare Quarkus | Modelport | Modelport / bare Quarkus |")
        print("|---|---|---|---|")
        rows = [("plain JVM", "bare-plain", "plain")]
        if "bare-aot" in cold:
            rows += [("AOT cache (build's)", "bare-aot", "shipped"), ("AOT cache (this model's)", "bare-aot", "aot")]
        for label, bare, ours in rows:
            if cold.get(bare) and cold.get(ours):
                print(f"| {label} | {fmt(cold[bare], ' s')} | {fmt(cold[ours], ' s')} | {cold[ours] / cold[bare]:.2f}× |")
    report_floor(mp, noop, connections)
    for name, f in figs.items():
        who = f"{name}: " if BASELINE is not None else ""
        for c in connections:
            if f.get(f"fail{c}"):
                notes.append(f"{fixture}: {who}{f.get(f'fail{c}')} failed answers at {c} connections")
        if f.get("batch_fail"):
            notes.append(f"{fixture}: {who}the {BATCH_ROWS:,}-row request answered {f['batch_fail']}")
    for n in notes:
        print(f"\n- note: {n}")


def report_mlflow(cold, m1, m2, mp, g, connections):
    print("| figure | MLflow 1 worker | MLflow 2 workers | Modelport | Modelport vs MLflow 1 worker |")
    print("|---|---|---|---|---|")
    if cold:
        for key, label in (("plain", "plain JVM"), ("shipped", "AOT cache from the build (trained on the bundled model)"),
                           ("aot", "AOT cache trained on this model")):
            if key in cold:
                print(f"| cold start, {label} | {fmt(cold['mlflow'], ' s')} | | {fmt(cold[key], ' s')} | {ratio(cold[key], cold['mlflow'])} faster |")
    for c in connections:
        print(f"| single row, {c} conn: req/s | {fmt(g(m1, f'rps{c}'))} | {fmt(g(m2, f'rps{c}'))} | {fmt(g(mp, f'rps{c}'))} |"
              f" {ratio(g(m1, f'rps{c}'), g(mp, f'rps{c}'))} |")
        for p in ("p50", "p99"):
            k = f"{p}_{c}"
            print(f"| single row, {c} conn: {p} | {fmt(g(m1, k), ' ms')} | {fmt(g(m2, k), ' ms')} | {fmt(g(mp, k), ' ms')} |"
                  f" {ratio(g(mp, k), g(m1, k))} lower |")
    print(f"| {BATCH_ROWS:,}-row request (median of {BATCH_RUNS}) | {fmt(g(m1, 'batch_ms'), ' ms')} | {fmt(g(m2, 'batch_ms'), ' ms')} |"
          f" {fmt(g(mp, 'batch_ms'), ' ms')} | {ratio(g(mp, 'batch_ms'), g(m1, 'batch_ms'))} faster |")
    for k, label in (("rss_warm", "RSS after warm-up"), ("rss_end", "RSS after the load run")):
        print(f"| {label} (process tree) | {fmt(g(m1, k), ' MB')} | {fmt(g(m2, k), ' MB')} | {fmt(g(mp, k), ' MB')} |"
              f" {ratio(g(mp, k), g(m1, k))} smaller |")


def report_floor(mp, noop, connections):
    if mp and noop:
        print(f"\nHTTP floor (Modelport's GET /ping, same load) and Modelport's /invocations against it:\n")
        print("| connections | no-op req/s | no-op p50 | no-op p99 | /invocations req/s as share of no-op | /invocations p99 / no-op p99 |")
        print("|---|---|---|---|---|---|")
        for c in connections:
            print(f"| {c} | {fmt(noop[f'rps{c}'])} | {fmt(noop[f'p50_{c}'], ' ms')} | {fmt(noop[f'p99_{c}'], ' ms')} |"
                  f" {mp[f'rps{c}'] / noop[f'rps{c}']:.0%} | {mp[f'p99_{c}'] / noop[f'p99_{c}']:.2f}× |")
    if mp and noop and mp.get("batch_ms") and noop.get("batch_floor_ms"):
        floor = noop["batch_floor_ms"]
        print(f"\nThe {BATCH_ROWS:,}-row body's floor on Modelport: the same request answered 415 (text/plain) once read, "
              f"median of {BATCH_RUNS}: {fmt(floor, ' ms')}, so decoding, scoring and answering took {fmt(mp['batch_ms'] - floor, ' ms')} "
              f"of its {fmt(mp['batch_ms'], ' ms')}.")


def same_answer(a, b):
    """Whether two (status, body) answers agree: same status and the same JSON (or bytes, when not JSON)."""
    def parsed(body):
        try:
            return json.loads(body)
        except ValueError:
            return body
    return a[0] == b[0] and parsed(a[1]) == parsed(b[1])


def bench_fixture(fixture, args, work, index=0):
    model_dir = os.path.join(FIXTURES, fixture, "model")
    single, batch = bodies(fixture)
    single_file = os.path.join(work, f"{fixture}-single.json")
    with open(single_file, "wb") as f:
        f.write(single)
    notes = []
    builds = [CURRENT] + ([BASELINE] if BASELINE else [])
    name = lambda b, n: n if BASELINE is None else f"{b.label}-{n}"   # log names; the figures' keys stay as before
    answers = {}
    for b in builds:
        probe = modelport(model_dir, work, name=name(b, "modelport-probe"), build=b)
        loaded = probe.wait_ready() is not None
        answers[b.label] = request(probe.port, single) if loaded else None
        probe.stop()
        if not loaded:
            who = "Modelport" if BASELINE is None else f"the {b.label} build"
            print(f"\n### {fixture}\n\nskipped: {who} cannot load this model (log: {probe.log.name})")
            return
    answer = answers["current"]
    if BASELINE is not None and not same_answer(answer, answers["baseline"]):
        notes.append(f"the builds answer the benchmark row differently: current {answer}, baseline {answers['baseline']}")
    caches = {}
    for b in builds:
        cache = os.path.join(work, f"{fixture}.aot" if BASELINE is None else f"{fixture}-{b.label}.aot")
        has_cache = not args.skip_cold and train_aot_cache(model_dir, single, batch, cache, work, build=b,
                                                           name=name(b, "modelport-aot-training"))
        if not args.skip_cold and not has_cache:
            notes.append("the AOT training run wrote no cache; AOT cold start left out" if BASELINE is None else
                         f"the {b.label} build's AOT training run wrote no cache; its AOT cold start left out")
        caches[b.label] = cache if has_cache else None
    bare_cache = os.path.join(work, "bare-quarkus.aot")
    has_bare_cache = not args.skip_cold and not args.skip_mlflow and (os.path.exists(bare_cache) or train_bare_cache(bare_cache, work))
    cold = None if args.skip_cold else cold_starts(model_dir, args.runs, caches, bare_cache if has_bare_cache else None, work,
                                                   args.skip_mlflow, notes)
    figs, noop = {}, None
    if not args.skip_mlflow:
        for server, start in (("mlflow-w1", lambda: mlflow(model_dir, 1, work)), ("mlflow-w2", lambda: mlflow(model_dir, 2, work))):
            s = start()
            if s.wait_ready() is None:
                notes.append(f"{server} did not start (log: {s.log.name})")
                s.stop()
                continue
            if answer is not None:
                theirs = request(s.port, single)
                if theirs[0] != answer[0] or json.loads(theirs[1]) != json.loads(answer[1]):
                    notes.append(f"answers differ on the benchmark row: {server} {theirs}, Modelport {answer}")
            figs[server] = load_run(s, single_file, batch, args.connections, args.duration, args.warmup)
            s.stop()
    running = []   # with --baseline-app both builds run side by side and are loaded in turn (load_runs)
    for b in builds:
        key = "modelport" if b is CURRENT else f"modelport-{b.label}"
        s = modelport(model_dir, work, name=name(b, "modelport"), build=b)
        if s.wait_ready() is None:
            notes.append(f"{key} did not start (log: {s.log.name})")
            s.stop()
            continue
        running.append((key, s))
    for (key, _), fig in zip(running, load_runs([s for _, s in running], single_file, batch, args.connections,
                                                args.duration, args.warmup, flip=index)):
        figs[key] = fig
    current = dict(running).get("modelport")
    if current is not None and not (BASELINE is not None and args.skip_mlflow):
        for _, s in running:   # the floor is the current build's, measured with it alone
            if s is not current:
                s.stop()
        noop = {}
        for c in args.connections:
            noop[f"rps{c}"], noop[f"p50_{c}"], noop[f"p99_{c}"], _ = wrk(current.port, c, args.duration, path="/ping")
        noop["batch_floor_ms"] = batch_floor(current.port, batch)
    for _, s in running:
        s.stop()
    report(fixture, cold, figs, noop, args.connections, notes, args.skip_mlflow)


def main():
    global BASELINE
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("fixtures", nargs="*", default=DEFAULT_FIXTURES)
    p.add_argument("--runs", type=int, default=5, help="cold starts per configuration (median)")
    p.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    p.add_argument("--warmup", type=int, default=5, help="seconds of wrk warm-up before measuring")
    p.add_argument("--connections", type=lambda s: [int(c) for c in s.split(",")], default=[1, 8, 64])
    p.add_argument("--skip-cold", action="store_true", help="leave out the cold-start runs")
    p.add_argument("--baseline-app", metavar="DIR",
                   help="also time this Modelport build (a target/quarkus-app, or a repository root holding one), "
                        "interleaved with the current one, and print current / baseline")
    p.add_argument("--skip-mlflow", action="store_true", help="leave out MLflow's server and the bare Quarkus app")
    args = p.parse_args()
    if args.baseline_app:
        BASELINE = Build("baseline", app_dir_of(args.baseline_app))
    java = os.environ.get("JAVA_HOME", "")
    with open("/proc/cpuinfo") as f:
        cpu = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "?")
    title = "Modelport" + (" current vs baseline build" if BASELINE else "") + ("" if args.skip_mlflow else " vs MLflow")
    print(f"## {title} {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}\n")
    ratios = "" if args.skip_mlflow else " Ratios: how many times better Modelport is than MLflow with 1 worker."
    print(f"Machine: {os.cpu_count()} cores ({cpu}), load average {os.getloadavg()[0]:.1f} at start, {platform.platform()}; "
          f"JDK {java}; Modelport JVM options `{JVM_OPTS}`; wrk -t1, {args.duration} s per run after {args.warmup} s warm-up; "
          f"cold start median of {args.runs}.{ratios}")
    if BASELINE:
        theirs = os.path.join(os.path.dirname(os.path.dirname(BASELINE.app_dir)), "bin", "modelport")
        differs = os.path.isfile(theirs) and open(theirs, "rb").read() != open(MODELPORT, "rb").read()
        print(f"\nCurrent build: {CURRENT.describe()}. Baseline build: {BASELINE.describe()}. Both started with the java "
              f"command line this repo's bin/modelport execs, the app directory swapped"
              f"{' (the baseline repo has a different bin/modelport: not used)' if differs else ''}; cold starts alternate "
              f"current/baseline, which first flipping every round; both servers run side by side under load, taken in turn "
              f"at each connection count and each {BATCH_ROWS:,}-row request.")
    with tempfile.TemporaryDirectory(prefix="modelport-bench-") as work:
        for index, fixture in enumerate(args.fixtures):
            bench_fixture(fixture, args, work, index)
            sys.stdout.flush()


if __name__ == "__main__":
    main()
