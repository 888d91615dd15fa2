"""Deadline rush: 100 trainees submit files within one minute to a running server.

    .venv/bin/python bench/deadline_rush.py [--trainees 100 --window 60 --workers 3 --threads 4]

What it does, and it stops by itself (every step has a timeout; gunicorn is always stopped):
1. creates a fresh PostgreSQL database `bench_deadline_rush` on 127.0.0.1:5432 (user postgres,
   trust auth; `--database-url` to point elsewhere), migrates it and collects static files;
2. creates a running cohort with one mentor and N paired trainees, one assignment (text and
   files, due after the rush) and a signed-in session per trainee (written straight into the
   session store: the bench measures submitting, not allauth's sign-in rate limits);
3. starts gunicorn (gthread) with the production settings (DEBUG off, PostgreSQL, database
   task queue, private storage in a temporary directory) on 127.0.0.1 only;
4. N client threads arrive over the window, bunched towards the deadline (triangular
   distribution peaking at its end): each GETs the assignment page (CSRF token, idempotency
   key) and POSTs its answer with a ~400 KB PDF and a PNG; every tenth trainee double-clicks
   (posts the same form twice) and must land on the same attempt;
5. prints p50/p95/max latency of the pages and the submits, then checks in the database that
   every trainee has exactly one submitted attempt with both files, that each stored file's
   bytes hash to what the client sent, and that the receipts and mentor mails were queued;
6. stops gunicorn and drops the database (`--keep` keeps it). Exit status 0 only if nothing
   was lost.
"""

import argparse
import hashlib
import json
import os
import random
import re
import secrets
import signal
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from pathlib import Path
from urllib.parse import urlsplit

import requests

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DB_NAME = "bench_deadline_rush"

SETUP = r"""
import json, sys
import django
django.setup()
from datetime import date, timedelta
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from wagtail.models import Site
from cohorts.models import Assignment, Cohort, Membership
from courses.models import CoursePage

count, window = int(sys.argv[1]), int(sys.argv[2])
User = get_user_model()
course = CoursePage(title="ベンチマーク講座", slug="bench-course")
Site.objects.get(is_default_site=True).root_page.add_child(instance=course)
cohort = Cohort.objects.create(course=course, name="ベンチ期", starts_on=date(2026, 4, 1),
                               ends_on=date(2027, 3, 31), status="running")
mentor_user = User.objects.create_user("bench-mentor@example.com", display_name="メンター")
mentor = Membership.objects.create(user=mentor_user, cohort=cohort, role="mentor")
users = User.objects.bulk_create(
    [User(email=f"bench{n}@example.com", display_name=f"受講生{n}") for n in range(count)]
)
members = Membership.objects.bulk_create(
    [Membership(user=u, cohort=cohort, role="trainee") for u in users]
)
Membership.mentors.through.objects.bulk_create(
    [Membership.mentors.through(from_membership_id=m.pk, to_membership_id=mentor.pk) for m in members]
)
now = timezone.now()
assignment = Assignment.objects.create(
    cohort=cohort, title="締切前の提出ラッシュ", brief="<p>計画書を提出してください。</p>",
    opens_at=now - timedelta(days=7), due_at=now + timedelta(seconds=window * 3 + 600),
    parts="both", max_attempts=2,
)
sessions = []
for user in users:
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    sessions.append({"email": user.email, "session": store.session_key})
print(json.dumps({"assignment": assignment.pk, "sessions": sessions}))
"""

VERIFY = r"""
import json, hashlib
import django
django.setup()
from cohorts.models import Submission
from cohorts.uploads.storage import private_storage
from django_tasks_db.models import DBTaskResult
storage = private_storage()
out = {}
for s in Submission.objects.select_related("membership__user").prefetch_related("files"):
    files = []
    for f in s.files.all():
        with storage.open(f.file.name, "rb") as handle:
            data = handle.read()
        files.append({"name": f.original_name, "sha256": hashlib.sha256(data).hexdigest(),
                      "recorded": f.sha256, "size": len(data)})
    out.setdefault(s.membership.user.email, []).append(
        {"attempt": s.attempt, "status": s.status, "late": s.is_late, "files": files})
print(json.dumps({"submissions": out, "tasks": DBTaskResult.objects.count()}))
"""


def pdf_bytes(label, size=400_000):
    """A valid PDF padded to about `size` bytes with an incompressible image stream."""
    noise = random.Random(label).randbytes(size)
    page = f"BT /F1 12 Tf 72 720 Td ({label}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(page) + page + b"\nendstream",
        b"<< /Length %d >>\nstream\n" % len(noise) + noise + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def png_bytes(seed):
    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    width = height = 64
    rng = random.Random(seed)
    raw = b"".join(b"\x00" + rng.randbytes(width * 3) for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def percentile(values, fraction):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def admin_connection(database_url):
    import psycopg

    parts = urlsplit(database_url)
    return psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True)


def recreate_database(database_url, drop_only=False):
    name = urlsplit(database_url).path.lstrip("/")
    with admin_connection(database_url) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            connection.execute(f'CREATE DATABASE "{name}"')


def run(command, env, timeout, capture=False):
    result = subprocess.run(
        command, cwd=ROOT, env=env, timeout=timeout, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-3000:] + result.stderr[-3000:])
        raise SystemExit(f"failed: {' '.join(map(str, command[:3]))}")
    return result.stdout if capture else None


def last_json_line(text):
    for line in reversed(text.strip().splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    raise SystemExit("no JSON output from the helper process")


def wait_until_up(base, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("gunicorn exited during start-up")
        try:
            if requests.get(f"{base}/robots.txt", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer within 60 s")


class Trainee(threading.Thread):
    TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    KEY = re.compile(r'name="key" value="([^"]*)"')

    def __init__(self, base, assignment, session, delay, double_click, results):
        super().__init__(daemon=True)
        self.base, self.assignment, self.session = base, assignment, session
        self.delay, self.double_click, self.results = delay, double_click, results
        label = session["email"]
        self.files = [("事業承継計画書.pdf", pdf_bytes(label)), ("組織図.png", png_bytes(label))]

    def run(self):
        record = {"email": self.session["email"], "error": None, "sha256": []}
        record["sha256"] = [hashlib.sha256(data).hexdigest() for _n, data in self.files]
        time.sleep(self.delay)
        cookies = {"sessionid": self.session["session"]}
        url = f"{self.base}/assignments/{self.assignment}/"
        origin = self.base
        try:
            started = time.perf_counter()
            page = requests.get(url, cookies=cookies, timeout=30)
            record["get"] = time.perf_counter() - started
            page.raise_for_status()
            cookies["csrftoken"] = page.cookies.get("csrftoken", "")
            token = self.TOKEN.search(page.text).group(1)
            key = self.KEY.search(page.text).group(1)
            data = {"csrfmiddlewaretoken": token, "key": key, "action": "submit"}
            data["text"] = "<p>締切直前の提出です。よろしくお願いいたします。</p>"
            locations = []
            for _click in range(2 if self.double_click else 1):
                files = [
                    ("files", (name, body, "application/octet-stream")) for name, body in self.files
                ]
                started = time.perf_counter()
                response = requests.post(
                    f"{url}submit/",
                    data=data,
                    files=files,
                    cookies=cookies,
                    headers={"Origin": origin, "Referer": url},
                    allow_redirects=False,
                    timeout=60,
                )
                record.setdefault("post", []).append(time.perf_counter() - started)
                if response.status_code != 302:
                    raise RuntimeError(f"submit answered {response.status_code}")
                locations.append(response.headers["Location"])
            if len(set(locations)) != 1:
                raise RuntimeError(f"double click made two attempts: {locations}")
        except Exception as error:  # the bench reports every failure, it does not stop
            record["error"] = repr(error)
        self.results.append(record)


def verify(results, env, count):
    found = last_json_line(run([PYTHON, "-c", VERIFY], env, timeout=120, capture=True))
    problems = []
    sent = {r["email"]: r["sha256"] for r in results}
    for email, hashes in sent.items():
        attempts = found["submissions"].get(email, [])
        if len(attempts) != 1:
            problems.append(f"{email}: {len(attempts)} attempts")
            continue
        attempt = attempts[0]
        stored = [f["sha256"] for f in attempt["files"]]
        if attempt["status"] != "submitted" or attempt["attempt"] != 1 or attempt["late"]:
            problems.append(f"{email}: {attempt}")
        if sorted(stored) != sorted(hashes) or any(
            f["sha256"] != f["recorded"] for f in attempt["files"]
        ):
            problems.append(f"{email}: stored files differ from what was sent")
    extra = set(found["submissions"]) - set(sent)
    if extra:
        problems.append(f"attempts from unknown trainees: {sorted(extra)}")
    files = sum(len(a["files"]) for v in found["submissions"].values() for a in v)
    return problems, len(found["submissions"]), files, found["tasks"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trainees", type=int, default=100)
    parser.add_argument("--window", type=int, default=60, help="seconds over which they arrive")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--database-url", default=f"postgres://postgres@127.0.0.1:5432/{DB_NAME}")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    options = parser.parse_args()
    signal.alarm(options.window * 3 + 900)  # whatever happens, stop

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    private = tempfile.mkdtemp(prefix="deadline-rush-private-")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "academy.settings.production",
        "DATABASE_URL": options.database_url,
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1",
        "CACHE_URL": "locmem://",
        "EMAIL_URL": "dummy://",
        "SECURE_SSL_REDIRECT": "0",
        "PRIVATE_MEDIA_ROOT": private,
        "LOG_LEVEL": "WARNING",
    }
    print(f"database {urlsplit(options.database_url).path.lstrip('/')}: creating and migrating …")
    recreate_database(options.database_url)
    gunicorn = None
    try:
        run([PYTHON, "manage.py", "migrate", "-v0"], env, timeout=600)
        run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env, timeout=300)
        setup = last_json_line(
            run(
                [PYTHON, "-c", SETUP, str(options.trainees), str(options.window)],
                env,
                timeout=300,
                capture=True,
            )
        )
        gunicorn = subprocess.Popen(
            [
                str(Path(PYTHON).parent / "gunicorn"),
                "academy.wsgi:application",
                "--bind", f"127.0.0.1:{port}",
                "--workers", str(options.workers),
                "--worker-class", "gthread",
                "--threads", str(options.threads),
                "--timeout", "60",
                "--log-level", "warning",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )  # fmt: skip
        wait_until_up(base, gunicorn)
        print(
            f"gunicorn on {base}: {options.workers} workers × {options.threads} threads; "
            f"{options.trainees} trainees arrive over {options.window} s …"
        )
        rng = random.Random(2026)
        results = []
        threads = [
            Trainee(
                base,
                setup["assignment"],
                session,
                rng.triangular(0, options.window, options.window),
                double_click=index % 10 == 0,
                results=results,
            )
            for index, session in enumerate(setup["sessions"])
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=options.window + 180)
        elapsed = time.perf_counter() - started
    finally:
        if gunicorn is not None:
            os.killpg(gunicorn.pid, signal.SIGTERM)
            try:
                gunicorn.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(gunicorn.pid, signal.SIGKILL)

    errors = [r for r in results if r["error"]]
    gets = [r["get"] for r in results if "get" in r]
    posts = [t for r in results for t in r.get("post", [])]
    problems, trainees_stored, files_stored, tasks = verify(results, env, options.trainees)
    if not options.keep:
        recreate_database(options.database_url, drop_only=True)

    def line(label, values):
        return (
            f"{label:<22} n={len(values):<4} p50={percentile(values, 0.5) * 1000:7.0f} ms  "
            f"p95={percentile(values, 0.95) * 1000:7.0f} ms  max={max(values, default=0) * 1000:7.0f} ms"
        )

    print(f"finished in {elapsed:.1f} s; {len(results)} trainees reported")
    print(line("assignment page (GET)", gets))
    print(line("submit (POST)", posts))
    if posts:
        print(f"mean submit {statistics.mean(posts) * 1000:.0f} ms; upload per trainee "
              f"{sum(len(d) for _n, d in threads[0].files) / 1024:.0f} KB")  # fmt: skip
    print(
        f"stored: {trainees_stored} trainees with an attempt, {files_stored} files; "
        f"queued e-mail tasks: {tasks}"
    )
    for record in errors[:10]:
        print(f"client error {record['email']}: {record['error']}")
    for problem in problems[:10]:
        print(f"lost or wrong: {problem}")
    expected_tasks = options.trainees * 2  # a receipt and one mentor note per attempt
    ok = (
        not errors
        and not problems
        and trainees_stored == options.trainees
        and tasks >= expected_tasks
    )
    print("RESULT:", "every attempt and file stored, nothing lost" if ok else "FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
