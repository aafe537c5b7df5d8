#!/usr/bin/env python3
"""Cold start of two builds of the app, A/B interleaved, each with its own JDK AOT cache.

    bench/startup_ab.py [--runs 15] APP_DIR_A APP_DIR_B [MODEL ...]

APP_DIR_* are copies of target/quarkus-app (quarkus-run.jar and the app.aot trained at that very path: the cache
records the jar's absolute path and mtime, so train it where it runs, e.g. `java src/build/AotTraining.java DIR
-XX:+UseSerialGC -Xms32m -Xmn24m --enable-native-access=ALL-UNNAMED`). MODEL is a path or a fixture name under
../shared/fixtures/models (its model/ folder); `bundled` or none means the bundled example (`models serve` without -m).

Each app starts as bin/modelport starts it (same java, AOT and JVM options, `models serve -p PORT [-m MODEL]`).
First one check run per app with -XX:AOTMode=on, which fails when the cache cannot be used, so a stale cache
cannot pass for a slow start. Then, per model, one untimed warm-up start of each app and --runs timed starts
alternating A, B, A, B: process start -> first GET /ping 200 (model loaded and warmed), and at that moment the
process's CPU time (utime+stime of all its threads, /proc/PID/stat) and RSS (VmRSS). Prints a markdown table of
medians, B - A, and the median of the paired differences (run i of B minus run i of A). Never asserts.
"""
import argparse
import http.client
import os
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
JAVA_HOME = os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64")
JVM_OPTS = "-XX:+UseSerialGC -Xms32m -Xmn24m"   # bin/modelport's default (MODELPORT_JAVA_OPTS replaces it)
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def command(app_dir, port, model, aot_mode=None):
    """bin/modelport's java command line, for this app directory."""
    cache = os.path.join(app_dir, "app.aot")
    aot = [f"-XX:AOTCache={cache}", "-Xlog:disable", "-Xlog:all=warning:stderr"]
    if aot_mode:
        aot.insert(0, f"-XX:AOTMode={aot_mode}")
    serve = ["models", "serve", "-p", str(port)] + (["-m", model] if model else [])
    return [os.path.join(JAVA_HOME, "bin", "java"), *aot, *JVM_OPTS.split(), "--enable-native-access=ALL-UNNAMED",
            "-jar", os.path.join(app_dir, "quarkus-run.jar"), *serve]


def get(port, path, timeout=1):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        c.request("GET", path)
        r = c.getresponse()
        return r.status, r.getheader("Content-Type"), r.read()
    finally:
        c.close()


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS   # utime, stime (fields 14, 15 of stat)


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:")) / 1024


RUNNING = set()   # servers in flight, stopped when the script is


class Start:
    """One server process: started, timed to its first /ping 200, measured there, stopped."""

    def __init__(self, app_dir, model, log, aot_mode=None, timeout=120):
        self.port = free_port()
        self.started = time.monotonic()
        self.proc = subprocess.Popen(command(app_dir, self.port, model, aot_mode), stdout=log, stderr=subprocess.STDOUT)
        RUNNING.add(self)
        self.ready = self.cpu = self.rss = None
        deadline = self.started + timeout
        while time.monotonic() < deadline and self.proc.poll() is None:
            try:
                if get(self.port, "/ping")[0] == 200:
                    self.ready = time.monotonic() - self.started
                    self.cpu, self.rss = cpu_seconds(self.proc.pid), rss_mb(self.proc.pid)
                    return
            except OSError:
                pass
            time.sleep(0.005)

    def stop(self):
        RUNNING.discard(self)
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode


def check(app_dir, model, log_dir):
    """One start with -XX:AOTMode=on (the JVM refuses to start on a cache it cannot use); the ops routes' answers."""
    log_path = os.path.join(log_dir, f"check-{os.path.basename(app_dir)}.log")
    with open(log_path, "wb") as log:
        s = Start(app_dir, model, log, aot_mode="on")
        try:
            if s.ready is None:
                log.flush()
                with open(log_path, errors="replace") as f:
                    tail = "".join(f.readlines()[-5:])
                sys.exit(f"{app_dir}: not ready with -XX:AOTMode=on (a cache the JVM cannot use, or the model?); log: {log_path}\n{tail}")
            answers = []
            for path in ("/q/health/ready", "/q/metrics"):
                status, content_type, _ = get(s.port, path, timeout=10)
                answers.append(f"{path} {status} {content_type}")
            return "; ".join(answers)
        finally:
            s.stop()


def median(values):
    return statistics.median(values) if values else float("nan")


def measure(apps, model, runs, log_dir):
    figures = {app: {"ready": [], "cpu": [], "rss": []} for app in apps}
    failures = {app: 0 for app in apps}
    with open(os.path.join(log_dir, "servers.log"), "ab") as log:
        for app in apps:                                 # untimed: page cache and CPU frequency settle
            Start(app, model, log).stop()
        for _ in range(runs):
            for app in apps:                             # A, B, A, B: the machine's noise hits both alike
                s = Start(app, model, log)
                s.stop()
                if s.ready is None:
                    failures[app] += 1
                    continue
                figures[app]["ready"].append(s.ready)
                figures[app]["cpu"].append(s.cpu)
                figures[app]["rss"].append(s.rss)
    return figures, failures


def report(apps, model, figures, failures, runs):
    a, b = apps
    fa, fb = figures[a], figures[b]
    print(f"\n### {model} ({runs} runs each, A/B interleaved)\n")
    print("| figure | A | B | B − A (medians) | B − A (median of paired runs) |")
    print("|---|---|---|---|---|")
    for key, label, scale, unit in (("ready", "cold start to first /ping 200", 1000, "ms"),
                                    ("cpu", "CPU time at ready (utime+stime)", 1000, "ms"),
                                    ("rss", "RSS at ready", 1, "MB")):
        ma, mb = median(fa[key]) * scale, median(fb[key]) * scale
        paired = median([y - x for x, y in zip(fa[key], fb[key])]) * scale
        print(f"| {label} | {ma:,.0f} {unit} | {mb:,.0f} {unit} | {mb - ma:+,.0f} {unit} ({(mb / ma - 1) * 100:+.1f}%) "
              f"| {paired:+,.0f} {unit} |")
    for app, name in ((a, "A"), (b, "B")):
        r = sorted(x * 1000 for x in figures[app]["ready"])
        if r:
            print(f"\n{name} cold starts (ms, sorted): {', '.join(f'{x:.0f}' for x in r)}", end="")
        if failures[app]:
            print(f"; {failures[app]} start(s) not ready", end="")
    print()


def main():
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        run()
    finally:
        for s in list(RUNNING):
            s.stop()


def model_dir(name):
    """A path as it is; a fixture name is its model/ folder; `bundled` is no -m."""
    if name in ("", "bundled"):
        return None
    return name if os.path.exists(name) or "/" in name else os.path.join(FIXTURES, name, "model")


def run():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", type=int, default=15)
    p.add_argument("app_a")
    p.add_argument("app_b")
    p.add_argument("models", nargs="*", help="model paths, fixture names or `bundled` (default: the bundled example)")
    args = p.parse_args()
    apps = [os.path.abspath(args.app_a), os.path.abspath(args.app_b)]
    models = [(m, model_dir(m)) for m in args.models or ["bundled"]]
    log_dir = tempfile.mkdtemp(prefix="startup-ab-")
    print(f"A = {apps[0]}\nB = {apps[1]}\nJDK {JAVA_HOME}; JVM options `{JVM_OPTS}`; {os.cpu_count()} cores; "
          f"load average {os.getloadavg()[0]:.1f} at start; server logs in {log_dir}")
    for app, name in zip(apps, "AB"):
        print(f"{name} check run (-XX:AOTMode=on, {models[0][0]}): {check(app, models[0][1], log_dir)}")
    for label, model in models:
        figures, failures = measure(apps, model, args.runs, log_dir)
        report(apps, label, figures, failures, args.runs)
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
