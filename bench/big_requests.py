#!/usr/bin/env python3
"""Memory under big requests: what one costs, whether it is given back, and what concurrent ones reach.

    bench/big_requests.py [--mib 99] [--app target/quarkus-app] [--java-opts "..."] [--port 5310]

Starts the server as bin/modelport does (MODELPORT_JAVA_OPTS from --java-opts when given) on the iris fixture and
sends a dataframe_split body of --mib MiB of iris rows (about 5.7M rows for 99 MiB). Measures from /proc/PID/status:
  * RSS idle (after warm-up), then 10 sequential big requests: each one's peak as VmHWM growth over the RSS just
    before it (the peak is reset through /proc/PID/clear_refs before each), in MiB and as a multiple of the body;
  * RSS right after the 10 and 5 s later (is memory returned?);
  * 4 concurrent big requests: VmHWM over the idle RSS, and the statuses they got (503 = refused for memory).
Prints a markdown table. Never asserts.
"""
import argparse
import http.client
import os
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
MODEL = os.path.join(ROOT, "..", "shared", "fixtures", "models", "sklearn_logreg_iris", "model")
COLUMNS = '["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"]'
ROWS = ["[5.1,3.5,1.4,0.2]", "[6.2,2.9,4.3,1.3]", "[7.7,3.0,6.1,2.3]", "[4.9,3.1,1.5,0.1]"]


def body_file(mib):
    path = os.path.join(tempfile.gettempdir(), f"modelport-iris-{mib}mib.json")
    if os.path.exists(path) and os.path.getsize(path) >= mib * 1024 * 1024:
        return path
    target = mib * 1024 * 1024
    head = ('{"dataframe_split": {"columns": ' + COLUMNS + ', "data": [').encode()
    block = (",".join(ROWS * 4096) + ",").encode()
    with open(path, "wb") as f:
        f.write(head)
        written = len(head)
        while written + len(block) < target - 64:
            f.write(block)
            written += len(block)
        f.write((ROWS[0] + "]}}").encode())
    return path


def status(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if value.strip().endswith("kB"):
                fields[key] = int(value.split()[0]) / 1024
    return fields


def reset_peak(pid):
    with open(f"/proc/{pid}/clear_refs", "w") as f:
        f.write("5")


def post(port, body, results):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    conn.request("POST", "/invocations", body=body, headers={"Content-Type": "application/json"})
    response = conn.getresponse()
    response.read()
    results.append(response.status)
    conn.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mib", type=int, default=99)
    parser.add_argument("--app", default=os.path.join(ROOT, "target", "quarkus-app"))
    parser.add_argument("--java-opts")
    parser.add_argument("--port", type=int, default=5310)
    parser.add_argument("--sequential", type=int, default=10)
    parser.add_argument("--concurrent", type=int, default=4)
    args = parser.parse_args()

    with open(body_file(args.mib), "rb") as f:
        body = f.read()
    body_mib = len(body) / 1024 / 1024
    env = dict(os.environ)
    if args.java_opts is not None:
        env["MODELPORT_JAVA_OPTS"] = args.java_opts
    launcher = os.path.join(os.path.dirname(os.path.abspath(args.app)), "..", "bin", "modelport")
    server = subprocess.Popen([launcher, "models", "serve", "-m", os.path.abspath(MODEL), "-p", str(args.port)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            try:
                c = http.client.HTTPConnection("127.0.0.1", args.port, timeout=1)
                c.request("GET", "/ping")
                if c.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.1)
        pid = server.pid
        # the launcher execs java, so the pid is the JVM's
        warm = ('{"dataframe_split": {"columns": ' + COLUMNS + ', "data": [' + ",".join(ROWS * 250) + ']}}').encode()
        for _ in range(20):
            post(args.port, warm, [])
        time.sleep(1)
        idle = status(pid)["VmRSS"]
        peaks, statuses = [], []
        for _ in range(args.sequential):
            before = status(pid)["VmRSS"]
            reset_peak(pid)
            post(args.port, body, statuses)
            peaks.append(status(pid)["VmHWM"] - before)
        after = status(pid)["VmRSS"]
        time.sleep(5)
        later = status(pid)["VmRSS"]
        reset_peak(pid)
        results = []
        threads = [threading.Thread(target=post, args=(args.port, body, results)) for _ in range(args.concurrent)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        concurrent_peak = status(pid)["VmHWM"]
        time.sleep(5)
        final = status(pid)["VmRSS"]
    finally:
        server.terminate()
        server.wait()
    print(f"| {body_mib:.0f} MiB iris body, JVM options: {args.java_opts or 'bin/modelport default'} | MiB | x body |")
    print("|---|---|---|")
    print(f"| RSS idle | {idle:.0f} | |")
    print(f"| one request's peak (VmHWM - RSS before): median / max of {args.sequential} | {sorted(peaks)[len(peaks) // 2]:.0f} / {max(peaks):.0f} | {sorted(peaks)[len(peaks) // 2] / body_mib:.2f} / {max(peaks) / body_mib:.2f} |")
    print(f"| statuses of the {args.sequential} | {', '.join(str(s) for s in sorted(set(statuses)))} | |")
    print(f"| RSS right after them / 5 s later | {after:.0f} / {later:.0f} | |")
    print(f"| {args.concurrent} concurrent: peak RSS (VmHWM) / over idle | {concurrent_peak:.0f} / {concurrent_peak - idle:.0f} | {(concurrent_peak - idle) / body_mib:.2f} over idle |")
    print(f"| {args.concurrent} concurrent: statuses | {', '.join(str(s) for s in results)} | |")
    print(f"| RSS 5 s after the concurrent ones | {final:.0f} | |")


if __name__ == "__main__":
    sys.exit(main())
