"""Soak: 30 signed-in users browse for N minutes on the production-like stack; errors and the
web processes' memory growth are printed.

    .venv/bin/python bench/soak.py [--users 30 --minutes 3 --workers 2 --threads 4]

Each user loops over their dashboard, the lesson and the assignment page with 1–3 s between
clicks (about 10–15 requests a second in all), through the proxy to two gunicorn instances
(bench/stack.py). Memory is the summed resident size of every gunicorn process, measured after
a one-minute warm-up (imports, caches, connection pools fill then) and at the end. Exit 0 only
with 0 errors and growth under 10 %. The issue's figure is 30 minutes: --minutes 30.
"""

import argparse
import json
import random
import signal
import sys
import threading
import time
from pathlib import Path

from deadline_rush import Log, percentile  # bench/ is on the path: this runs as a script
from stack import Stack


def resident_kb(pids):
    total = 0
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total


def user(base, session, pages, stop, log):
    cookies = {"sessionid": session["session"]}
    rng = random.Random(session["email"])
    stop.wait(rng.uniform(0, 3))
    while not stop.is_set():
        for page in pages:
            response = log.timed(f"GET {page}", "GET", f"{base}{page}", cookies=cookies)
            if response is not None and response.status_code != 200:
                with log.lock:
                    log.rows.append((f"not 200 {page}", f"{response.status_code}", 0))
            if stop.wait(rng.uniform(1, 3)):
                return


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=30)
    parser.add_argument("--minutes", type=float, default=3)
    parser.add_argument("--warmup", type=float, default=60, help="seconds before the first sample")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--proxy", choices=["auto", "nginx", "python"], default="auto")
    options = parser.parse_args()
    signal.alarm(int(options.minutes * 60 + options.warmup) + 1800)

    log, stop = Log(), threading.Event()
    with Stack(
        storage="disk", proxy=options.proxy, workers=options.workers, threads=options.threads
    ) as stack:
        setup = json.loads(
            stack.python_script("bench/stack_data.py", 0, options.users, 0, 30 * 24 * 3600)
        )
        stack.serve()
        pages = ["/dashboard/", setup["lesson"], f"/assignments/{setup['assignment']}/"]
        threads = [
            threading.Thread(target=user, args=(stack.base, s, pages, stop, log), daemon=True)
            for s in setup["sessions"]
        ]
        for thread in threads:
            thread.start()
        time.sleep(options.warmup)
        before = resident_kb(stack.web_pids())
        requests_before = len(log.rows)
        started = time.perf_counter()
        samples = [(0, before)]
        while time.perf_counter() - started < options.minutes * 60:
            time.sleep(min(30, options.minutes * 60))
            samples.append((round(time.perf_counter() - started), resident_kb(stack.web_pids())))
        after = resident_kb(stack.web_pids())
        stop.set()
        for thread in threads:
            thread.join(timeout=200)

    measured = log.rows[requests_before:]
    seconds = [s for _k, status, s in measured if isinstance(status, int)]
    errors = (
        log.failures()
        + log.server_errors()
        + [(k, status) for k, status, _s in log.rows if k.startswith("not 200")]
    )
    growth = (after - before) / before * 100 if before else float("nan")
    print(
        f"{options.users} users for {options.minutes:g} min after a {options.warmup:g} s warm-up: "
        f"{len(measured)} requests ({len(measured) / (options.minutes * 60):.1f}/s), "
        f"p50 {percentile(seconds, 0.5) * 1000:.0f} ms, p95 {percentile(seconds, 0.95) * 1000:.0f} ms"
    )
    print(f"errors (5xx, not 200, failed connections): {len(errors)} {errors[:5]}")
    print(
        "gunicorn resident memory (all processes): "
        + ", ".join(f"{t}s {kb / 1024:.0f} MB" for t, kb in samples)
        + f"; growth {growth:+.1f} %"
    )
    ok = not errors and growth < 10
    print("RESULT:", "0 errors, memory growth under 10 %" if ok else "FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
