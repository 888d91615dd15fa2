"""How long seed_demo takes at the default size and at the largest documented size.

    .venv/bin/python bench/seed_demo.py [--trainees 300 --mentors 60 --assignments 60 --sessions 40]

Migrates a throwaway SQLite file for each run and prints seconds per size, plus the ratio of
the large run to the default one (the baseline measured in the same run).
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_seed(args):
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "academy.settings.dev",
            "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3",
            "MEDIA_ROOT": f"{tmp}/media",
            "PRIVATE_MEDIA_ROOT": f"{tmp}/private",
            "EMAIL_URL": "dummy://",
        }
        manage = [sys.executable, "manage.py"]
        subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        started = time.perf_counter()
        subprocess.run([*manage, "seed_demo", "-v0", *args], cwd=ROOT, env=env, check=True)
        return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--trainees", default="300")
    parser.add_argument("--mentors", default="60")
    parser.add_argument("--assignments", default="60")
    parser.add_argument("--sessions", default="40")
    options = parser.parse_args()
    baseline = run_seed([])
    large = run_seed(
        [
            "--trainees", options.trainees, "--mentors", options.mentors,
            "--assignments", options.assignments, "--sessions", options.sessions,
        ]
    )  # fmt: skip
    print(f"seed_demo default size: {baseline:.1f} s")
    print(
        f"seed_demo {options.trainees} trainees, {options.mentors} mentors, "
        f"{options.assignments} assignments, {options.sessions} sessions: {large:.1f} s "
        f"({large / baseline:.1f}x the default; goal: under 60 s)"
    )


if __name__ == "__main__":
    main()
