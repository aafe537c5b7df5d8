#!/usr/bin/env python3
"""Slowloris against a running server: do trickling clients get cut off, and does /ping stay quick meanwhile?

    bench/slowloris.py [--port 5000] [--connections 300] [--seconds 40] [--body]

Opens --connections connections that each send a request line and then one header byte a second (with --body: a
complete head declaring a 100 MB body, then one body byte a second), while a separate client GETs /ping every 100 ms
on fresh connections. Prints, as markdown: how many trickling connections the server closed, the median and largest
time from their first byte to the close, and /ping's median, p99 and largest latency. Never asserts; the server is
expected to be started as a user starts it (bin/modelport models serve -p PORT).
"""
import argparse
import selectors
import socket
import statistics
import threading
import time


def pinger(port, stop, latencies, failures):
    while not stop.is_set():
        started = time.monotonic()
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
                s.sendall(b"GET /ping HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                answer = b""
                while True:
                    chunk = s.recv(4096)
                    if not chunk:
                        break
                    answer += chunk
            if answer.startswith(b"HTTP/1.1 200"):
                latencies.append(time.monotonic() - started)
            else:
                failures.append(answer[:60])
        except OSError as e:
            failures.append(repr(e))
        time.sleep(0.1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=5000)
    parser.add_argument("--connections", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=40)
    parser.add_argument("--body", action="store_true", help="trickle a body instead of a head")
    args = parser.parse_args()

    if args.body:
        first = (b"POST /invocations HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                 b"Content-Length: 100000000\r\n\r\n[")
        drip = b" "
    else:
        first = b"GET /ping HTTP/1.1\r\nHost: localhost\r\n"
        drip = b"X"
    selector = selectors.DefaultSelector()
    opened = {}
    for _ in range(args.connections):
        s = socket.create_connection(("127.0.0.1", args.port))
        s.setblocking(False)
        s.send(first[:1])
        opened[s] = time.monotonic()
        selector.register(s, selectors.EVENT_READ)
    for s in opened:
        s.send(first[1:])
    closed = {}
    stop = threading.Event()
    latencies, failures = [], []
    ping = threading.Thread(target=pinger, args=(args.port, stop, latencies, failures), daemon=True)
    ping.start()
    deadline = time.monotonic() + args.seconds
    next_drip = time.monotonic() + 1
    while time.monotonic() < deadline and len(closed) < len(opened):
        for key, _ in selector.select(timeout=0.05):
            s = key.fileobj
            try:
                data = s.recv(4096)
            except OSError:
                data = b""
            if not data:
                closed[s] = time.monotonic() - opened[s]
                selector.unregister(s)
        if time.monotonic() >= next_drip:
            next_drip += 1
            for s in opened:
                if s not in closed:
                    try:
                        s.send(drip)
                    except OSError:
                        pass
    stop.set()
    ping.join()
    for s in opened:
        s.close()
    what = "body byte" if args.body else "header byte"
    print(f"| {args.connections} connections, one {what} a second, {args.seconds:.0f} s | value |")
    print("|---|---|")
    print(f"| closed by the server | {len(closed)} of {len(opened)} |")
    if closed:
        times = sorted(closed.values())
        print(f"| first byte to close: median / max | {statistics.median(times):.1f} s / {times[-1]:.1f} s |")
    if latencies:
        lat = sorted(latencies)
        p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))]
        print(f"| /ping ({len(lat)} requests): median / p99 / max | {statistics.median(lat) * 1000:.1f} ms / {p99 * 1000:.1f} ms / {lat[-1] * 1000:.1f} ms |")
    print(f"| /ping failures | {len(failures)} {failures[:3] if failures else ''} |")


if __name__ == "__main__":
    main()
