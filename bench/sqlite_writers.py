"""Several processes writing to the embedded SQLite default at once: nothing fails, nothing lost.

    .venv/bin/python bench/sqlite_writers.py [--processes 6 --writes 200]

Each process saves audit entries in its own short transactions (the settings give WAL and
BEGIN IMMEDIATE, so writers queue instead of failing with "database is locked"). Prints the
writes per second for 1 process (baseline) and for N, and checks every row arrived.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

WRITER = """
import django, sys
django.setup()
from django.contrib.auth import get_user_model
from django.db import transaction
from academy.audit import record_change
user = get_user_model().objects.get(email="bench@example.com")
for n in range(int(sys.argv[1])):
    with transaction.atomic():
        record_change(actor=user, obj=user, action="bench", before={"n": n}, after={"n": n + 1})
"""


def run(env, processes, writes):
    started = time.perf_counter()
    children = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(writes)], cwd=ROOT, env=env)
        for _ in range(processes)
    ]
    failures = sum(1 for child in children if child.wait() != 0)
    return time.perf_counter() - started, failures


def count(env):
    code = "import django; django.setup(); from academy.models import AuditEntry; print(AuditEntry.objects.count())"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    return int(out.stdout.strip())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--processes", type=int, default=6)
    parser.add_argument("--writes", type=int, default=200)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "academy.settings.dev",
            "DATABASE_URL": f"sqlite:///{tmp}/writers.sqlite3",
        }
        manage = [sys.executable, "manage.py"]
        subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        create = "import django; django.setup(); from django.contrib.auth import get_user_model; get_user_model().objects.create_user('bench@example.com')"
        subprocess.run([sys.executable, "-c", create], cwd=ROOT, env=env, check=True)
        one, failed_one = run(env, 1, options.writes)
        many, failed_many = run(env, options.processes, options.writes)
        expected = options.writes * (1 + options.processes)
        stored = count(env)
    print(f"1 writer: {options.writes / one:.0f} writes/s (baseline)")
    print(
        f"{options.processes} concurrent writers: {options.writes * options.processes / many:.0f} writes/s "
        f"({(options.writes * options.processes / many) / (options.writes / one):.2f}x baseline)"
    )
    print(f"failed processes: {failed_one + failed_many}; rows stored {stored} of {expected}")
    sys.exit(0 if stored == expected and not (failed_one + failed_many) else 1)


if __name__ == "__main__":
    main()
