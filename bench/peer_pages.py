"""Our lesson and course pages beside wagtail-lms's, timed side by side in one run.

    export PEERBENCH_DIR=/tmp/peerbench PYTHON312=$(scripts/find-python)
    bash ../shared/peerbench/wagtail_lms_setup.sh      # builds the peer once (~1 min)
    .venv/bin/python bench/peer_pages.py [--workdir DIR] [-n 200] [--warmup 20]

Builds our site in a scratch folder with the peer's shape of data: production settings
(DEBUG off, cached_db sessions, shared Redis cache as production requires, SQLite WAL, collected static files), courses of
10 and 50 lessons (modules of 5), each lesson about 2 KB of rich text, one enrolled trainee
with the first half of each course done, and the same bare "ok" view through the full
middleware. Then runs ../shared/peerbench/measure.py on both sites (gunicorn, 2 sync workers,
pages of both sites interleaved round robin, queries counted in-process) and prints, per
page kind, queries, p50/p95 and the raw ratio ours/peer in this run. Not a test: figures only.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEASURE = Path(os.environ.get("PEERBENCH_HARNESS", ROOT.parent.parent / "shared" / "peerbench"))
if not (MEASURE / "measure.py").exists():
    MEASURE = Path("/work/shared/peerbench")

PARAGRAPH = (
    "<p>This is paragraph {i} of lesson {n}. It explains one idea in plain "
    "language, with <b>bold</b> and <i>italic</i> words, so the rich-text "
    "renderer has some markup to process. A trainee reads it, thinks about "
    "it and moves on to the next part of the lesson.</p>"
    "<ul><li>first point</li><li>second point</li><li>third point</li></ul>"
)
LEARNER = "learner@example.com"
PASSWORD = "bench-pass-123"
COURSES = {"bench-course-10": 10, "bench-course-50": 50}
LESSONS_PER_MODULE = 5
GOALS = {"lesson": 0.7, "course": 0.7, "baseline": 1.5}


def our_env(workdir):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.peer_settings",
        "DATABASE_URL": f"sqlite:///{workdir}/ours.sqlite3",
        "SECRET_KEY": "bench-only-" + "x" * 60,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SITE_URL": "http://127.0.0.1:8000",
        # BENCH_CACHE_URL: another Redis database when several people share the machine.
        "CACHE_URL": os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/14"),
        "EMAIL_URL": "console://",
        "SECURE_SSL_REDIRECT": "0",
        "BENCH_STATIC_ROOT": str(Path(workdir) / "static"),
        "MEDIA_ROOT": str(Path(workdir) / "media"),
        "PRIVATE_MEDIA_ROOT": str(Path(workdir) / "private"),
        "LOG_LEVEL": "WARNING",
    }


def build_ours(workdir):
    env = our_env(workdir)
    if (Path(workdir) / "ours.sqlite3").exists():
        return env
    python = [sys.executable, "manage.py"]
    subprocess.run([*python, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*python, "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([sys.executable, __file__, "seed"], cwd=ROOT, env=env, check=True)
    return env


def seed():
    """Run inside our site (DJANGO_SETTINGS_MODULE set): the peer's shape of data."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from datetime import date

    from allauth.account.models import EmailAddress
    from django.utils import timezone

    from academy.models import User
    from cohorts.models import Cohort, Membership
    from courses.models import (
        CourseIndexPage,
        CoursePage,
        HomePage,
        LessonPage,
        LessonProgress,
        ModulePage,
    )

    user = User.objects.create_user(email=LEARNER, password=PASSWORD, display_name="Learner")
    EmailAddress.objects.create(user=user, email=LEARNER, verified=True, primary=True)
    home = HomePage.objects.get()
    index = home.add_child(instance=CourseIndexPage(title="Programme", slug="programme"))

    def publish(parent, page):
        parent.add_child(instance=page)
        page.save_revision(log_action=False).publish(log_action=False)
        return page

    for slug, count in COURSES.items():
        course = publish(
            index, CoursePage(title=slug, slug=slug, overview="<p>A course for the bench.</p>")
        )
        lessons = []
        for m in range(count // LESSONS_PER_MODULE):
            module = publish(course, ModulePage(title=f"Module {m + 1}", slug=f"module-{m + 1}"))
            for k in range(LESSONS_PER_MODULE):
                n = m * LESSONS_PER_MODULE + k + 1
                body = [("rich_text", PARAGRAPH.format(i=i, n=n)) for i in range(1, 5)]
                lesson = LessonPage(title=f"Lesson {n}", slug=f"lesson-{n}", body=body)
                lessons.append(publish(module, lesson))
        cohort = Cohort.objects.create(
            course=course,
            name=f"Cohort {slug}",
            starts_on=date(2026, 4, 1),
            ends_on=date(2027, 3, 31),
            status="running",
        )
        Membership.objects.create(user=user, cohort=cohort, role="trainee")
        LessonProgress.objects.bulk_create(
            LessonProgress(user=user, lesson=lesson, completed_at=timezone.now())
            for lesson in lessons[: count // 2]
        )
    print(f"seeded {', '.join(COURSES)} for {LEARNER}")


def our_spec(workdir):
    def lesson(slug):
        return f"/programme/{slug}/module-1/lesson-1/"

    spec = {
        "name": "ours",
        "python": sys.executable,
        "project_dir": str(ROOT),
        "settings": "bench.peer_settings",
        "wsgi": "academy.wsgi:application",
        "login": {
            "method": "form",
            "path": "/accounts/login/",
            "username": LEARNER,
            "password": PASSWORD,
            "username_field": "login",
            "password_field": "password",
        },
        "baseline": "/_bench/ok/",
        "paths": {
            "course-10": "/programme/bench-course-10/",
            "lesson-10": lesson("bench-course-10"),
            "course-50": "/programme/bench-course-50/",
            "lesson-50": lesson("bench-course-50"),
        },
        "expect": {
            "course-10": '<li class="done">',
            "lesson-10": 'class="badge ok"',
            "course-50": "Lesson 50</a>",
            "lesson-50": 'class="badge ok"',
        },
    }
    path = Path(workdir) / "ours.json"
    path.write_text(json.dumps(spec, indent=1))
    return path


def summarise(report):
    sites = {site["name"]: site for site in report["sites"]}
    ours, peer = sites["ours"], sites["wagtail-lms"]
    print()
    print("page        queries ours/peer   p50 ours  p50 peer  ratio   p95 ours  p95 peer  ratio")
    ratios = {}
    for label in ("baseline", "course-10", "lesson-10", "course-50", "lesson-50"):
        o, p = ours["http"][label], peer["http"][label]
        qo = ours.get("queries", {}).get("pages", {}).get(label, {}).get("warm", "-")
        qp = peer.get("queries", {}).get("pages", {}).get(label, {}).get("warm", "-")
        r50, r95 = o["p50_ms"] / p["p50_ms"], o["p95_ms"] / p["p95_ms"]
        ratios[label] = r50
        print(
            f"{label:<11} {qo!s:>7} / {qp!s:<7} {o['p50_ms']:8.2f} {p['p50_ms']:9.2f} {r50:6.2f}x"
            f" {o['p95_ms']:9.2f} {p['p95_ms']:9.2f} {r95:6.2f}x"
        )
    same = ours["http"]["lesson-50"]["p50_ms"] / ours["http"]["lesson-10"]["p50_ms"]
    print(f"ours: lesson of the 50-lesson course / of the 10-lesson one: {same:.2f}x")
    for kind, goal in GOALS.items():
        labels = [label for label in ratios if label.startswith(kind)]
        worst = max(ratios[label] for label in labels)
        verdict = "met" if worst <= goal else "NOT met"
        print(f"goal {kind} p50 <= {goal}x the peer's: worst {worst:.2f}x, {verdict}")
    print(f"load average {report['machine'].get('loadavg_start')} -> "
          f"{report['machine'].get('loadavg_end')} (a shared machine: compare within one run)")  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs="?", default="run", choices=["run", "seed"])
    parser.add_argument("--workdir", help="scratch folder for our site (kept for reuse)")
    parser.add_argument("-n", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    options = parser.parse_args()
    if options.command == "seed":
        return seed()
    peerbench = os.environ.get("PEERBENCH_DIR")
    if not peerbench or not Path(peerbench, "lmssite", "manage.py").exists():
        raise SystemExit(
            "Set PEERBENCH_DIR to the folder where ../shared/peerbench/wagtail_lms_setup.sh "
            "built the peer (see this script's docstring)."
        )
    workdir = options.workdir or tempfile.mkdtemp(prefix="peer-pages-")
    Path(workdir).mkdir(parents=True, exist_ok=True)
    env = build_ours(workdir)
    out = Path(workdir) / "report.json"
    command = [
        sys.executable,
        str(MEASURE / "measure.py"),
        "run",
        str(MEASURE / "wagtail_lms_site.json"),
        str(our_spec(workdir)),
        "-n",
        str(options.n),
        "--warmup",
        str(options.warmup),
        "--workdir",
        str(Path(workdir) / "runs"),
        "--json",
        str(out),
    ]
    subprocess.run(command, cwd=ROOT, env=env, check=True)
    summarise(json.loads(out.read_text()))


if __name__ == "__main__":
    main()
