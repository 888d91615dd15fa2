"""The heavy pages at demo size and at 300 trainees x 60 assignments: do they stay flat?

    .venv/bin/python bench/scale_pages.py [--workdir DIR (default build/scale-pages)] [-n 40]

Seeds two SQLite databases in the work folder (kept, so a second run reuses them):
`seed_demo` and `seed_demo --trainees 300 --mentors 60 --assignments 60`. Then, with
production settings (DEBUG off, cached_db sessions), signs in as the demo accounts and times
each heavy page in-process (Django's test client, warm caches, n sequential GETs; both sizes
at the same time in two processes, so that the machine's load hits both alike), printing
queries, bytes, p50/p95 and the ratio large/small of each. Not a test: figures only, and on a
shared machine only the ratios within one run mean anything.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = {"small": [], "large": ["--trainees", "300", "--mentors", "60", "--assignments", "60"]}


def cache_url_for(size):
    """Each size its own Redis database (BENCH_CACHE_URL's, then the next): the two sites'
    sessions, route hints and cached outlines must not mix. BENCH_CACHE_URL lets people who
    share the machine use other databases."""
    base = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/14")
    head, _, db = base.rpartition("/")
    return f"{head}/{int(db) + list(SIZES).index(size)}"


def env_for(workdir, size, settings):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings,
        "DATABASE_URL": f"sqlite:///{workdir}/{size}.sqlite3",
        "SECRET_KEY": "bench-only-" + "x" * 60,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SITE_URL": "http://127.0.0.1:8000",
        "CACHE_URL": cache_url_for(size),
        "EMAIL_URL": "dummy://",
        "SECURE_SSL_REDIRECT": "0",
        "BENCH_STATIC_ROOT": str(Path(workdir) / "static"),
        "MEDIA_ROOT": str(Path(workdir) / "media"),
        "PRIVATE_MEDIA_ROOT": str(Path(workdir) / f"private-{size}"),
        "LOG_LEVEL": "WARNING",
    }


def prepare(workdir):
    for size, args in SIZES.items():
        if (Path(workdir) / f"{size}.sqlite3").exists():
            continue
        env = env_for(workdir, size, "academy.settings.dev")
        manage = [sys.executable, "manage.py"]
        subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        subprocess.run([*manage, "seed_demo", "-v0", *args], cwd=ROOT, env=env, check=True)
    if not (Path(workdir) / "static" / "staticfiles.json").exists():
        env = env_for(workdir, "small", "bench.peer_settings")
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
        )


def pages():
    """(label, account, url) for each heavy page, read from the seeded database."""
    from django.urls import reverse

    from cohorts.coursework.models import Assignment
    from courses.models import CoursePage, LessonPage

    course = CoursePage.objects.live().order_by("path").first()
    lesson = LessonPage.objects.live().filter(path__startswith=course.path).order_by("path")[1]
    busiest = (
        Assignment.objects.filter(cohort__course=course).order_by("due_at", "pk").first()
    )  # the first cohort's: all the large size's trainees
    staff, mentor, trainee = "staff@example.com", "mentor1@example.com", "trainee1@example.com"
    return [
        ("staff assignment", staff, reverse("coursework:assignment_detail", args=[busiest.pk])),
        ("staff assignments", staff, reverse("coursework:assignment_list")),
        ("admin assignments", staff, reverse("coursework_assignment:index")),
        ("staff dashboard", staff, reverse("cohorts:dashboard")),
        ("mentor assignments", mentor, reverse("coursework:assignment_list")),
        ("mentor dashboard", mentor, reverse("cohorts:dashboard")),
        ("trainee assignments", trainee, reverse("coursework:assignment_list")),
        ("trainee dashboard", trainee, reverse("cohorts:dashboard")),
        ("trainee course", trainee, course.url),
        ("trainee lesson", trainee, lesson.url),
    ]


def time_pages(n, warmup):
    """Run inside the site (settings and database from the environment): JSON on stdout."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from academy.models import User

    clients, out = {}, {}
    for label, email, url in pages():
        if email not in clients:
            clients[email] = Client()
            clients[email].force_login(User.objects.get(email=email))
        client = clients[email]
        for _ in range(warmup):
            response = client.get(url)
            assert response.status_code == 200, (label, url, response.status_code)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        count = len(queries)  # now: each request resets the connection's query log
        times = []
        for _ in range(n):
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        out[label] = {
            "url": url,
            "queries": count,
            "bytes": len(response.content),
            "p50": statistics.median(times),
            "p95": times[int(0.95 * (len(times) - 1))],
        }
    json.dump(out, sys.stdout)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs="?", default="run", choices=["run", "time"])
    parser.add_argument("--workdir", default=str(ROOT / "build" / "scale-pages"))
    parser.add_argument("-n", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=3)
    options = parser.parse_args()
    if options.command == "time":
        return time_pages(options.n, options.warmup)
    Path(options.workdir).mkdir(parents=True, exist_ok=True)
    prepare(options.workdir)
    # Both sizes at once, in two processes, so that the machine's load hits both alike.
    running = {}
    for size in SIZES:
        env = env_for(options.workdir, size, "bench.peer_settings")
        command = [sys.executable, __file__, "time", "-n", str(options.n)]
        command += ["--warmup", str(options.warmup)]
        running[size] = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE)
    results = {}
    for size, process in running.items():
        stdout, _ = process.communicate()
        if process.returncode:
            raise SystemExit(f"timing the {size} site failed")
        results[size] = json.loads(stdout)
    print(f"{'page':<20} {'queries s/l':>11} {'KB s/l':>13} {'p50 ms s':>9} {'p50 ms l':>9} "
          f"{'p95 s':>7} {'p95 l':>7} {'large/small':>11}")  # fmt: skip
    for label, small in results["small"].items():
        large = results["large"][label]
        ratio = large["p50"] / small["p50"]
        print(
            f"{label:<20} {small['queries']:>5}/{large['queries']:<5} "
            f"{small['bytes'] / 1024:6.1f}/{large['bytes'] / 1024:<6.1f} "
            f"{small['p50']:9.2f} {large['p50']:9.2f} {small['p95']:7.2f} {large['p95']:7.2f} "
            f"{ratio:10.2f}x"
        )
    print(f"demo size vs seed_demo {' '.join(SIZES['large'])}; n={options.n} per page, "
          f"in-process, production settings, both sizes in parallel; "
          f"load average {os.getloadavg()}")  # fmt: skip


if __name__ == "__main__":
    main()
