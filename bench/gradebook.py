"""The gradebook at demo size and at 300 trainees x 60 assignments: page, CSV and XLSX.

    .venv/bin/python bench/gradebook.py [--workdir DIR (default build/scale-pages)] [-n 30]

Uses the two SQLite databases of bench/scale_pages.py (seeded once, then kept): `seed_demo`
and `seed_demo --trainees 300 --mentors 60 --assignments 60`. With production settings (DEBUG
off), signed in as staff and as mentor1, it times in-process, both sizes at the same time in
two processes (so the machine's load hits both alike):

- the bare "ok" view through the full middleware (the minimal view), the gradebook page of the
  first cohort (by name, by highest percentage, its last page; mentor1's), taking turns,
  queries, p50/p95 and the ratio large/small (the goal: within 3x);
- the CSV (a StreamingHttpResponse, read to the end) and the XLSX (write-only), each in a fresh
  process: wall time and peak memory (tracemalloc peak in a second run, and the growth of the
  process's peak RSS), beside the minimal view measured the same way in the same process
  (goals: XLSX under 3 s and under 64 MB).

Not a test: figures only; on a shared machine only the figures within one run mean anything.
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

from scale_pages import SIZES, env_for, prepare  # bench/ is on the path: this file runs there

ROOT = Path(__file__).resolve().parent.parent

GOAL_RATIO, GOAL_SECONDS, GOAL_MB = 3.0, 3.0, 64.0
STAFF, MENTOR = "staff@example.com", "mentor1@example.com"


def setup():
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.test import Client

    from academy.models import User
    from cohorts.models import Cohort

    clients = {}
    for email in (STAFF, MENTOR):
        clients[email] = Client()
        clients[email].force_login(User.objects.get(email=email))
    cohort = Cohort.objects.get(name="2026 第1期")
    return clients, cohort


def pages(cohort):
    from django.urls import reverse

    from cohorts.models import Membership

    gradebook = reverse("reports:gradebook", args=[cohort.pk])
    trainees = Membership.objects.filter(cohort=cohort, role="trainee", is_active=True).count()
    last = max(1, -(-trainees // 20))
    return [
        ("minimal view", STAFF, "/_bench/ok/"),
        ("gradebook staff", STAFF, gradebook),
        ("gradebook -percent", STAFF, f"{gradebook}?sort=-percent"),
        ("gradebook last page", STAFF, f"{gradebook}?page={last}"),
        ("gradebook mentor1", MENTOR, gradebook),
    ]


def read(response):
    if response.streaming:
        return sum(len(chunk) for chunk in response.streaming_content)
    return len(response.content)


def time_pages(n, warmup):
    """Inside the site (settings and database from the environment): JSON on stdout. The
    pages take turns (one GET of each, n rounds), so that both sizes' processes meet the
    machine's load in the same phase."""
    from django.db import connection

    clients, cohort = setup()
    listed = pages(cohort)
    out, times = {}, {label: [] for label, _email, _url in listed}
    for label, email, url in listed:
        client = clients[email]
        for _ in range(warmup):
            response = client.get(url)
            assert response.status_code == 200, (label, url, response.status_code)
        queries = []

        def count(execute, *args, queries=queries):
            queries.append(args[0])
            return execute(*args)

        with connection.execute_wrapper(count):
            response = client.get(url)
        out[label] = {"queries": len(queries), "bytes": read(response)}
    for _ in range(n):
        for label, email, url in listed:
            started = time.perf_counter()
            read(clients[email].get(url))
            times[label].append((time.perf_counter() - started) * 1000)
    for label, row in out.items():
        ordered = sorted(times[label])
        row["p50"] = statistics.median(ordered)
        row["p95"] = ordered[int(0.95 * (len(ordered) - 1))]
    json.dump(out, sys.stdout)


def time_export(fmt):
    """One export in this fresh process, after the minimal view: time, tracemalloc peak and
    the growth of peak RSS, for both. JSON on stdout."""
    from django.http import StreamingHttpResponse
    from django.urls import reverse

    clients, cohort = setup()
    client = clients[STAFF]
    url = reverse("reports:gradebook_export", args=[cohort.pk, fmt])
    out = {}
    for label, target in (("minimal view", "/_bench/ok/"), (fmt, url)):
        read(client.get(target))  # warm: imports, templates, the session
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        response = client.get(target)
        size = read(response)
        seconds = time.perf_counter() - started
        rss_growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before
        tracemalloc.start()
        read(client.get(target))
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        out[label] = {
            "seconds": seconds,
            "bytes": size,
            "traced_peak_mb": peak / 2**20,
            "rss_growth_mb": rss_growth / 1024,
            "streams": isinstance(response, StreamingHttpResponse),
        }
    json.dump(out, sys.stdout)


def run(command, env):
    process = subprocess.run(
        [sys.executable, __file__, *command], cwd=ROOT, env=env, stdout=subprocess.PIPE
    )
    if process.returncode:
        raise SystemExit(f"{command} failed")
    return json.loads(process.stdout)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs="?", default="run", choices=["run", "pages", "export"])
    parser.add_argument("--workdir", default=str(ROOT / "build" / "scale-pages"))
    parser.add_argument("-n", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--fmt", default="xlsx")
    options = parser.parse_args()
    if options.command == "pages":
        return time_pages(options.n, options.warmup)
    if options.command == "export":
        return time_export(options.fmt)
    Path(options.workdir).mkdir(parents=True, exist_ok=True)
    prepare(options.workdir)
    envs = {size: env_for(options.workdir, size, "bench.peer_settings") for size in SIZES}
    running = {
        size: subprocess.Popen(
            [sys.executable, __file__, "pages", "-n", str(options.n), "--warmup", "3"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
        )
        for size, env in envs.items()
    }
    results = {}
    for size, process in running.items():
        stdout, _ = process.communicate()
        if process.returncode:
            raise SystemExit(f"timing the {size} site failed")
        results[size] = json.loads(stdout)
    print(f"{'page':<22} {'queries s/l':>11} {'KB s/l':>15} {'p50 ms s':>9} {'p50 ms l':>9} "
          f"{'p95 s':>7} {'p95 l':>7} {'large/small':>11}")  # fmt: skip
    for label, small in results["small"].items():
        large = results["large"][label]
        ratio = large["p50"] / small["p50"]
        print(
            f"{label:<22} {small['queries']:>5}/{large['queries']:<5} "
            f"{small['bytes'] / 1024:7.1f}/{large['bytes'] / 1024:<7.1f} "
            f"{small['p50']:9.2f} {large['p50']:9.2f} {small['p95']:7.2f} {large['p95']:7.2f} "
            f"{ratio:10.2f}x"
        )
    ratio = results["large"]["gradebook staff"]["p50"] / results["small"]["gradebook staff"]["p50"]
    print(f"gradebook page p50 at 300x60 / demo size: {ratio:.2f}x (goal: at most {GOAL_RATIO}x)")
    print()
    print(f"{'export at 300x60':<22} {'seconds':>8} {'KB':>9} {'tracemalloc MB':>15} "
          f"{'peak RSS +MB':>13} {'streams':>8}")  # fmt: skip
    for fmt in ("csv", "xlsx"):
        figures = run(["export", "--fmt", fmt], envs["large"])
        for label, row in figures.items():
            print(
                f"{label:<22} {row['seconds']:8.3f} {row['bytes'] / 1024:9.1f} "
                f"{row['traced_peak_mb']:15.2f} {row['rss_growth_mb']:13.2f} "
                f"{'yes' if row['streams'] else 'no':>8}"
            )
        if fmt == "xlsx":
            ok = (
                row["seconds"] < GOAL_SECONDS
                and max(row["traced_peak_mb"], row["rss_growth_mb"]) < GOAL_MB
            )
            print(f"xlsx goal (< {GOAL_SECONDS} s, < {GOAL_MB} MB): {'met' if ok else 'MISSED'}")
    print(f"n={options.n} per page, in-process, production settings, both sizes in parallel; "
          f"load average {os.getloadavg()}")  # fmt: skip


if __name__ == "__main__":
    main()
