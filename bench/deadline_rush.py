"""Deadline rush on the production-like stack: N trainees submit text and a 5 MB file within a
minute while M others read their dashboards and lessons.

    .venv/bin/python bench/deadline_rush.py [--trainees 100 --readers 100 --window 60
        --file-mb 5 --workers 2 --threads 4 --storage disk|s3]

What it does (it stops by itself; everything it starts is stopped, the database dropped):
1. bench/stack.py: a fresh PostgreSQL database, Redis, two gunicorn instances with the
   production settings behind nginx (or a Python proxy) on 127.0.0.1:8120;
2. a running cohort with N + M trainees with signed-in sessions and one assignment;
3. N trainees arrive over the window, bunched towards the deadline (triangular, peaking at
   its end): each GETs the assignment page and POSTs its answer with a 5 MB PDF; every tenth
   double-clicks (the same form twice) and must land on the same attempt. Meanwhile M readers
   load their dashboard and the lesson in a loop, and a probe GETs a minimal view
   (/robots.txt) twice a second, so each figure is also given as a ratio to it (the machine's
   own speed and load divide out);
4. prints submissions stored (and whether every stored file hashes to what was sent), the 5xx
   count, POST p95, GET p95 and the minimal view's p95 with the ratios. Exit 0 only if
   nothing was lost and no request answered 5xx.
"""

import argparse
import hashlib
import json
import random
import re
import signal
import sys
import threading
import time

import requests
from stack import Stack  # bench/ is on the path: this runs as a script
from uploads import pdf_bytes

VERIFY = r"""
import json, hashlib, sys
sys.path.insert(0, ".")
import django
django.setup()
from cohorts.coursework.models import Submission
from cohorts.uploads.storage import private_storage
from django_tasks_db.models import DBTaskResult
storage = private_storage()
out = {}
for s in Submission.objects.select_related("membership__user").prefetch_related("files"):
    files = []
    for f in s.files.all():
        digest = hashlib.sha256()
        with storage.open(f.file.name, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        files.append({"sha256": digest.hexdigest(), "recorded": f.sha256})
    out.setdefault(s.membership.user.email, []).append(
        {"attempt": s.attempt, "status": s.status, "late": s.is_late, "files": files})
print(json.dumps({"submissions": out, "tasks": DBTaskResult.objects.count()}))
"""

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
KEY = re.compile(r'name="key" value="([^"]*)"')


def percentile(values, fraction):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


class Log:
    """Every request's kind, status and seconds, from every thread."""

    def __init__(self):
        self.lock = threading.Lock()
        self.rows = []

    def timed(self, kind, method, url, timeout=120, **kwargs):
        started = time.perf_counter()
        try:
            response = requests.request(
                method, url, allow_redirects=False, timeout=timeout, **kwargs
            )
            status = response.status_code
        except requests.RequestException as error:
            response, status = None, repr(error)
        with self.lock:
            self.rows.append((kind, status, time.perf_counter() - started))
        return response

    def seconds(self, *kinds):
        return [s for k, status, s in self.rows if k in kinds and isinstance(status, int)]

    def failures(self):
        return [(k, status) for k, status, _s in self.rows if not isinstance(status, int)]

    def server_errors(self):
        return [
            (k, status) for k, status, _s in self.rows if isinstance(status, int) and status >= 500
        ]


def trainee(base, assignment, session, delay, double_click, body, log, results):
    record = {"email": session["email"], "sha256": hashlib.sha256(body).hexdigest(), "error": None}
    time.sleep(delay)
    cookies = {"sessionid": session["session"]}
    url = f"{base}/assignments/{assignment}/"
    try:
        page = log.timed("GET assignment", "GET", url, cookies=cookies, timeout=120)
        page.raise_for_status()
        cookies["csrftoken"] = page.cookies.get("csrftoken", "")
        data = {
            "csrfmiddlewaretoken": TOKEN.search(page.text).group(1),
            "key": KEY.search(page.text).group(1),
            "action": "submit",
            "text": "<p>締切直前の提出です。よろしくお願いいたします。</p>",
        }
        locations = []
        for _click in range(2 if double_click else 1):
            response = log.timed(
                "POST submit",
                "POST",
                f"{url}submit/",
                data=data,
                files=[("files", ("事業承継計画書.pdf", body, "application/pdf"))],
                cookies=cookies,
                headers={"Origin": base, "Referer": url},
                timeout=180,
            )
            if response is None or response.status_code != 302:
                raise RuntimeError(f"submit answered {getattr(response, 'status_code', response)}")
            locations.append(response.headers["Location"])
        if len(set(locations)) != 1:
            raise RuntimeError(f"double click made two attempts: {locations}")
    except Exception as error:  # the bench reports every failure, it does not stop
        record["error"] = repr(error)
    results.append(record)


def reader(base, session, lesson, stop, log):
    cookies = {"sessionid": session["session"]}
    rng = random.Random(session["email"])
    time.sleep(rng.uniform(0, 3))
    while not stop.is_set():
        log.timed("GET dashboard", "GET", f"{base}/dashboard/", cookies=cookies, timeout=120)
        log.timed("GET lesson", "GET", f"{base}{lesson}", cookies=cookies, timeout=120)
        stop.wait(rng.uniform(1, 3))  # a person reads before the next click


def probe(base, stop, log):
    while not stop.is_set():
        log.timed("GET minimal", "GET", f"{base}/robots.txt", timeout=60)
        stop.wait(0.5)


def verify(stack, results):
    found = json.loads(stack.python("VERIFY", VERIFY))
    problems = []
    for record in results:
        attempts = found["submissions"].get(record["email"], [])
        if len(attempts) != 1:
            problems.append(f"{record['email']}: {len(attempts)} attempts")
            continue
        files = attempts[0]["files"]
        if [f["sha256"] for f in files] != [record["sha256"]] or any(
            f["sha256"] != f["recorded"] for f in files
        ):
            problems.append(f"{record['email']}: stored file differs from what was sent")
    matching = len(results) - len(problems)
    return problems, len(found["submissions"]), matching, found["tasks"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trainees", type=int, default=100)
    parser.add_argument("--readers", type=int, default=100)
    parser.add_argument("--window", type=int, default=60, help="seconds over which they arrive")
    parser.add_argument("--file-mb", type=float, default=5)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per instance")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--storage", choices=["disk", "s3"], default="disk")
    parser.add_argument("--proxy", choices=["auto", "nginx", "python"], default="auto")
    options = parser.parse_args()
    signal.alarm(options.window * 4 + 1800)  # whatever happens, stop

    size = int(options.file_mb * 1_000_000)
    log, results, stop = Log(), [], threading.Event()
    with Stack(
        storage=options.storage,
        proxy=options.proxy,
        workers=options.workers,
        threads=options.threads,
        extra_env={"SUBMISSION_MAX_FILE_BYTES": str(size + 1_000_000)},
    ) as stack:
        setup = json.loads(
            stack.python_script(
                "bench/stack_data.py",
                options.trainees,
                options.readers,
                0,
                options.window * 4 + 1200,
            )
        )
        stack.serve()
        base = stack.base
        sessions = setup["sessions"]
        submitters, readers = sessions[: options.trainees], sessions[options.trainees :]
        print(
            f"{options.trainees} trainees submit a {size / 1e6:.1f} MB file each over "
            f"{options.window} s while {len(readers)} others read …",
            flush=True,
        )
        rng = random.Random(2026)
        background = [threading.Thread(target=probe, args=(base, stop, log), daemon=True)]
        background += [
            threading.Thread(target=reader, args=(base, s, setup["lesson"], stop, log), daemon=True)
            for s in readers
        ]
        rush = [
            threading.Thread(
                target=trainee,
                args=(
                    base,
                    setup["assignment"],
                    session,
                    rng.triangular(0, options.window, options.window),
                    index % 10 == 0,
                    pdf_bytes(session["email"], size),
                    log,
                    results,
                ),
                daemon=True,
            )
            for index, session in enumerate(submitters)
        ]
        for thread in background:
            thread.start()
        started = time.perf_counter()
        for thread in rush:
            thread.start()
        for thread in rush:
            thread.join(timeout=options.window + 600)
        elapsed = time.perf_counter() - started
        stop.set()
        for thread in background:
            thread.join(timeout=200)
        problems, stored, matching, tasks = verify(stack, results)

    gets = log.seconds("GET assignment", "GET dashboard", "GET lesson")
    posts = log.seconds("POST submit")
    minimal = log.seconds("GET minimal")
    base_p95 = percentile(minimal, 0.95)

    def line(label, values):
        p95 = percentile(values, 0.95)
        return (
            f"{label:<34} n={len(values):<5} p50={percentile(values, 0.5) * 1000:7.0f} ms  "
            f"p95={p95 * 1000:7.0f} ms  max={max(values, default=0) * 1000:7.0f} ms  "
            f"p95/minimal={p95 / base_p95:6.1f}"
        )

    errors = [r for r in results if r["error"]]
    server_errors = log.server_errors()
    print(f"rush finished in {elapsed:.1f} s")
    print(
        f"submissions stored: {stored}/{options.trainees}; checksums match: "
        f"{matching}/{options.trainees}; queued e-mail tasks: {tasks}"
    )
    print(f"5xx answers: {len(server_errors)}; failed connections: {len(log.failures())}")
    print(line("POST submit (5 MB)", posts))
    print(line("GET pages (assignment, dashboard, lesson)", gets))
    for kind in ("GET dashboard", "GET lesson", "GET assignment"):
        print(line(f"  {kind}", log.seconds(kind)))
    print(line("GET minimal view (/robots.txt)", minimal))
    for record in errors[:10]:
        print(f"client error {record['email']}: {record['error']}")
    for problem in problems[:10]:
        print(f"lost or wrong: {problem}")
    ok = not errors and not problems and stored == options.trainees and not server_errors
    print("RESULT:", "every attempt and file stored, no 5xx" if ok else "FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
