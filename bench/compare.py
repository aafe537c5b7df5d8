"""Modelport beside MLflow's own scoring server, in one run on this machine (run through compare.sh).

For each fixture: cold start (process start -> first GET /ping 200, median of --runs interleaved runs:
MLflow with 1 worker; Modelport on a plain JVM, with the AOT cache the build trained on the bundled
model, and with one trained on this fixture; a bare Quarkus app, plain and with its AOT cache), then under load for MLflow with 1 and 2 workers and Modelport: single-row dataframe_split
/invocations with wrk at each connection count (requests/s, p50, p99), one 10,000-row request, RSS of
the whole process tree after warm-up and after the load run. Plus Modelport's GET /ping under the
same load: the HTTP floor of this machine. Prints markdown tables with ratios; never asserts.
"""
import argparse
import http.client
import json
import os
import platform
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
SHIPPED_CACHE = os.path.join(ROOT, "target", "quarkus-app", "app.aot")
BARE_APP = os.path.join(HERE, "bare-quarkus", "target", "quarkus-app")
POST_LUA = os.path.join(HERE, "post.lua")
DEFAULT_FIXTURES = ["sklearn_logreg_iris", "sklearn_pipeline_mixed", "xgboost_booster_json", "pyfunc_add_n"]
JVM_OPTS = "-XX:+UseSerialGC -Xms32m -Xmn24m"   # bin/modelport's default (MODELPORT_JAVA_OPTS replaces it)
BATCH_ROWS = 10_000
BATCH_WARMUP, BATCH_RUNS = 10, 20   # the machine is shared: a median of 20 moves less with a neighbour's burst


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


def modelport(model_dir, log_dir, java_opts=JVM_OPTS, name="modelport", cache=SHIPPED_CACHE):
    """bin/modelport serving the model, with the AOT cache the build trained (default), another one, or none ("")."""
    port = free_port()
    return Server(name, [MODELPORT, "models", "serve", "-m", model_dir, "-p", str(port)], port, log_dir,
                  env={"MODELPORT_JAVA_OPTS": java_opts, "MODELPORT_AOT_CACHE": cache})


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
    fig = {}
    wrk(server.port, 8, warmup, single_file)
    for _ in range(BATCH_WARMUP):   # the JIT compiles the big-request paths too, as a long-running server has
        request(server.port, batch_body)
    fig["rss_warm"] = server.rss_mb()
    for c in connections:
        fig[f"rps{c}"], fig[f"p50_{c}"], fig[f"p99_{c}"], fig[f"fail{c}"] = wrk(server.port, c, duration, single_file)
    times = []
    for _ in range(BATCH_RUNS):
        start = time.perf_counter()
        status, _ = request(server.port, batch_body)
        times.append((time.perf_counter() - start) * 1000)
        if status != 200:
            fig["batch_fail"] = status
    fig["batch_ms"] = statistics.median(times)
    fig["rss_end"] = server.rss_mb()
    return fig


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


def train_aot_cache(model_dir, single_body, batch_body, cache, log_dir):
    """Modelport's cache, trained on the serve path of this model: 200 single-row requests and one batch."""
    if os.path.exists(cache):
        os.remove(cache)

    def score(port):
        for _ in range(200):
            request(port, single_body)
        request(port, batch_body)
    return train_cache(modelport(model_dir, log_dir, f"{JVM_OPTS} -XX:AOTCacheOutput={cache}", "modelport-aot-training", cache=""),
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


def cold_starts(model_dir, runs, cache, bare_cache, log_dir):
    """Process start -> first /ping 200, median of interleaved runs per configuration."""
    configs = {"mlflow": lambda: mlflow(model_dir, 1, log_dir),
               "bare-plain": lambda: bare_quarkus(log_dir),
               "plain": lambda: modelport(model_dir, log_dir, cache="", name="modelport-plain")}
    if bare_cache:
        configs["bare-aot"] = lambda: bare_quarkus(log_dir, cache=bare_cache, name="bare-quarkus-aot")
    if os.path.exists(SHIPPED_CACHE):
        configs["shipped"] = lambda: modelport(model_dir, log_dir, name="modelport-shipped-aot")
    if cache:
        configs["aot"] = lambda: modelport(model_dir, log_dir, cache=cache, name="modelport-aot")
    times = {k: [] for k in configs}
    for _ in range(runs):                       # interleaved, so machine noise hits every configuration alike
        for key, start in configs.items():
            s = start()
            t = s.wait_ready()
            s.stop()
            if t is not None:
                times[key].append(t)
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


def report(fixture, cold, figs, noop, connections, notes):
    m1, m2, mp = figs.get("mlflow-w1"), figs.get("mlflow-w2"), figs.get("modelport")
    g = lambda f, k: None if f is None else f.get(k)
    print(f"\n### {fixture}\n")
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
    if cold:
        print("\nCold start against a bare Quarkus app (one GET /ping route; same Quarkus, JDK, JVM options and aot-jar packaging), same run:\n")
        print("| packaging | bare Quarkus | Modelport | Modelport / bare Quarkus |")
        print("|---|---|---|---|")
        rows = [("plain JVM", "bare-plain", "plain")]
        if "bare-aot" in cold:
            rows += [("AOT cache (build's)", "bare-aot", "shipped"), ("AOT cache (this model's)", "bare-aot", "aot")]
        for label, bare, ours in rows:
            if cold.get(bare) and cold.get(ours):
                print(f"| {label} | {fmt(cold[bare], ' s')} | {fmt(cold[ours], ' s')} | {cold[ours] / cold[bare]:.2f}× |")
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
    for f in figs.values():
        for c in connections:
            if f.get(f"fail{c}"):
                notes.append(f"{fixture}: {f.get(f'fail{c}')} failed answers at {c} connections")
        if f.get("batch_fail"):
            notes.append(f"{fixture}: the {BATCH_ROWS:,}-row request answered {f['batch_fail']}")
    for n in notes:
        print(f"\n- note: {n}")


def bench_fixture(fixture, args, work):
    model_dir = os.path.join(FIXTURES, fixture, "model")
    single, batch = bodies(fixture)
    single_file = os.path.join(work, f"{fixture}-single.json")
    with open(single_file, "wb") as f:
        f.write(single)
    notes = []
    probe = modelport(model_dir, work, name="modelport-probe")
    loaded = probe.wait_ready() is not None
    answer = request(probe.port, single) if loaded else None
    probe.stop()
    if not loaded:
        print(f"\n### {fixture}\n\nskipped: Modelport cannot load this model (log: {probe.log.name})")
        return
    cache = os.path.join(work, f"{fixture}.aot")
    has_cache = not args.skip_cold and train_aot_cache(model_dir, single, batch, cache, work)
    if not args.skip_cold and not has_cache:
        notes.append("the AOT training run wrote no cache; AOT cold start left out")
    bare_cache = os.path.join(work, "bare-quarkus.aot")
    has_bare_cache = not args.skip_cold and (os.path.exists(bare_cache) or train_bare_cache(bare_cache, work))
    cold = None if args.skip_cold else cold_starts(model_dir, args.runs, cache if has_cache else None,
                                                   bare_cache if has_bare_cache else None, work)
    figs, noop = {}, None
    for name, start in (("mlflow-w1", lambda: mlflow(model_dir, 1, work)), ("mlflow-w2", lambda: mlflow(model_dir, 2, work)),
                        ("modelport", lambda: modelport(model_dir, work))):
        s = start()
        if s.wait_ready() is None:
            notes.append(f"{name} did not start (log: {s.log.name})")
            s.stop()
            continue
        if name.startswith("mlflow") and answer is not None:
            theirs = request(s.port, single)
            if theirs[0] != answer[0] or json.loads(theirs[1]) != json.loads(answer[1]):
                notes.append(f"answers differ on the benchmark row: {name} {theirs}, Modelport {answer}")
        figs[name] = load_run(s, single_file, batch, args.connections, args.duration, args.warmup)
        if name == "modelport":
            noop = {}
            for c in args.connections:
                noop[f"rps{c}"], noop[f"p50_{c}"], noop[f"p99_{c}"], _ = wrk(s.port, c, args.duration, path="/ping")
            noop["batch_floor_ms"] = batch_floor(s.port, batch)
        s.stop()
    report(fixture, cold, figs, noop, args.connections, notes)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("fixtures", nargs="*", default=DEFAULT_FIXTURES)
    p.add_argument("--runs", type=int, default=5, help="cold starts per configuration (median)")
    p.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    p.add_argument("--warmup", type=int, default=5, help="seconds of wrk warm-up before measuring")
    p.add_argument("--connections", type=lambda s: [int(c) for c in s.split(",")], default=[1, 8, 64])
    p.add_argument("--skip-cold", action="store_true", help="leave out the cold-start runs")
    args = p.parse_args()
    java = os.environ.get("JAVA_HOME", "")
    with open("/proc/cpuinfo") as f:
        cpu = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "?")
    print(f"## Modelport vs MLflow {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}\n")
    print(f"Machine: {os.cpu_count()} cores ({cpu}), load average {os.getloadavg()[0]:.1f} at start, {platform.platform()}; "
          f"JDK {java}; Modelport JVM options `{JVM_OPTS}`; wrk -t1, {args.duration} s per run after {args.warmup} s warm-up; "
          f"cold start median of {args.runs}. Ratios: how many times better Modelport is than MLflow with 1 worker.")
    with tempfile.TemporaryDirectory(prefix="modelport-bench-") as work:
        for fixture in args.fixtures:
            bench_fixture(fixture, args, work)
            sys.stdout.flush()


if __name__ == "__main__":
    main()
