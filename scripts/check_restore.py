#!/usr/bin/env python
# ruff: noqa: S603, S607
# (a developer tool: it runs createdb, dropdb, the backup scripts and manage.py with fixed arguments)
"""Prove that a backup restores: back up a seeded school, restore it elsewhere, smoke-check it.

    .venv/bin/python scripts/check_restore.py [--database-url postgres://user@host:port/any]
        [--prefix academy_restore_check] [--keep]

1. A source database (<prefix>_src) and fresh upload folders in a temporary directory, with
   production settings: `migrate`, `seed_demo` (submissions with stored files).
2. `scripts/backup.sh` into the temporary directory.
3. A new empty database (<prefix>_dst) and new empty folders: `scripts/restore.sh`.
4. `collectstatic`, then a smoke check on the restored copy, in production settings: /healthz answers "ok", the home
   page, the sitemap (listing SITE_URL) and a trainee's assignments answer 200, a submitted
   file downloads through the checked view, every stored submission file's sha256 matches its
   row, and every table has as many rows as the source.

Both databases are dropped at the end (unless --keep); the database named in the URL is only
used to connect. Exit 0: the restore works; 1: a check failed; 2: a step could not run.
"""

import argparse
import json
import os
import secrets
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SITE_URL = "https://academy.example.jp"

SMOKE = textwrap.dedent(
    """
    import hashlib, json
    import django
    django.setup()
    from django.apps import apps
    from django.conf import settings
    from django.test import Client
    from academy.models import User
    from cohorts.coursework.models import SubmissionFile

    report = {"counts": {}, "failures": []}
    for model in apps.get_models():
        if model._meta.managed and not model._meta.proxy:
            report["counts"][model._meta.db_table] = model._default_manager.count()
    if MODE == "source":
        print(json.dumps(report))
        raise SystemExit

    def expect(label, ok):
        if not ok:
            report["failures"].append(label)

    client = Client(HTTP_HOST="academy.example.jp")
    get = lambda path: client.get(path, secure=True)
    health = get("/healthz")
    expect("/healthz answers ok", health.status_code == 200 and health.content == b"ok\\n")
    expect("home page 200", get("/").status_code == 200)
    sitemap = get("/sitemap.xml")
    expect("sitemap lists SITE_URL", settings.SITE_URL + "/" in sitemap.content.decode())
    trainee = User.objects.get(email="trainee1@example.com")
    client.force_login(trainee)
    expect("trainee's assignments 200", get("/assignments/").status_code == 200)
    own = SubmissionFile.objects.filter(submission__membership__user=trainee).first()
    if own is None:
        expect("trainee1 has a submitted file", False)
    else:
        response = get(f"/submissions/files/{own.pk}/")
        body = b"".join(response.streaming_content) if response.streaming else response.content
        expect("file download 200", response.status_code == 200)
        expect("downloaded file matches", hashlib.sha256(body).hexdigest() == own.sha256)
    stored = 0
    for record in SubmissionFile.objects.all():
        with record.file.open("rb") as handle:
            expect(f"sha256 of file {record.pk}", hashlib.sha256(handle.read()).hexdigest() == record.sha256)
        stored += 1
    report["files_checked"] = stored
    print(json.dumps(report))
    """
)


def with_database(url, name):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def run(command, env, **kwargs):
    result = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=1200, **kwargs
    )
    if result.returncode != 0:
        print(f"FAILED: {' '.join(map(str, command))}\n{result.stdout}\n{result.stderr}")
        raise SystemExit(2)
    return result.stdout


def environment(database_url, folder):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "MEDIA_", "PRIVATE_", "STATIC_"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "academy.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(60),
            "ALLOWED_HOSTS": "academy.example.jp",
            "SITE_URL": SITE_URL,
            "DATABASE_URL": database_url,
            "CACHE_URL": "redis://127.0.0.1:6379/14",
            "EMAIL_URL": "dummy://",
            "MEDIA_ROOT": str(folder / "media"),
            "PRIVATE_MEDIA_ROOT": str(folder / "private"),
            "STATIC_ROOT": str(folder / "static"),
            "LOG_LEVEL": "WARNING",
            "PYTHON": PYTHON,
        }
    )
    return env


def smoke(env, mode):
    output = run([PYTHON, "-c", f"MODE = {mode!r}\n{SMOKE}"], env)
    return json.loads(output.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
    )
    parser.add_argument("--prefix", default="academy_restore_check")
    parser.add_argument("--keep", action="store_true")
    options = parser.parse_args()
    if not options.database_url.startswith(("postgres://", "postgresql://")):
        print("check_restore.py needs PostgreSQL (--database-url postgres://...).")
        return 2
    source = with_database(options.database_url, f"{options.prefix}_src")
    target = with_database(options.database_url, f"{options.prefix}_dst")
    admin = options.database_url
    with tempfile.TemporaryDirectory(prefix="check-restore-") as temporary:
        temporary = Path(temporary)
        src_env = environment(source, temporary / "source")
        dst_env = environment(target, temporary / "restored")
        for url in (source, target):
            name = urlsplit(url).path.lstrip("/")
            run(["dropdb", "--if-exists", "--force", name, "--maintenance-db", admin], src_env)
            run(["createdb", name, "--maintenance-db", admin, "--template=template0"], src_env)
        try:
            print("source: migrate, seed_demo …", flush=True)
            run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], src_env)
            run(
                [PYTHON, "manage.py", "seed_demo", "--i-know-this-is-not-production", "-v0"],
                src_env,
            )
            before = smoke(src_env, "source")
            print("backup.sh …", flush=True)
            folder = run(["scripts/backup.sh", str(temporary / "backups")], src_env)
            folder = folder.strip().splitlines()[-1]
            print("restore.sh into a new database and new folders …", flush=True)
            run(["scripts/restore.sh", folder], dst_env)
            run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], dst_env)
            after = smoke(dst_env, "restored")
        finally:
            if not options.keep:
                for url in (source, target):
                    name = urlsplit(url).path.lstrip("/")
                    subprocess.run(
                        ["dropdb", "--if-exists", "--force", name, "--maintenance-db", admin],
                        env=src_env,
                        capture_output=True,
                        check=False,
                    )
    failures = list(after["failures"])
    differ = {
        table: (count, after["counts"].get(table))
        for table, count in before["counts"].items()
        if after["counts"].get(table) != count
    }
    if differ:
        failures.append(f"row counts differ (source, restored): {differ}")
    if not after.get("files_checked"):
        failures.append("no submission file was checked")
    print(
        f"tables compared: {len(before['counts'])}, rows: {sum(before['counts'].values())}, "
        f"submission files checked: {after.get('files_checked', 0)}"
    )
    for failure in failures:
        print(f"FAILED: {failure}")
    print("restore check: " + ("FAILED" if failures else "ok"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
