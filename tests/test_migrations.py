"""Migrations that change only Django's state (moving coursework out of cohorts) must leave the
database exactly as the models describe it, and go back as well as forward.

Two throwaway SQLite databases, built in subprocesses: one by the migrations, one straight
from the models (`migrate --run-syncdb` with cohorts' and coursework's migrations switched
off). Their tables must match column for column, with the same foreign keys, unique and plain
indexes (by columns: the migrated ones keep the names they were born with) and checks. The
data side (every row, file and audit entry of the previous main) is scripts/check_upgrade.py.
"""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MOVED_APPS = ("cohorts", "coursework")
# Apps whose migrations depend on the moved ones: built from the models too, so their
# dependencies do not point at switched-off migrations.
DEPENDENT_APPS = ("review", "plans")

pytestmark = pytest.mark.slow


def manage(*args, database, env=None):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "academy.settings.test",
        "DATABASE_URL": f"sqlite:///{database}",
        **(env or {}),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", *args, "-v", "0"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result


def schema(database):
    """Per table of the moved apps: columns, foreign keys, indexes by columns, checks."""
    connection = sqlite3.connect(database)
    tables = {}
    names = [
        row[0]
        for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if row[0].split("_")[0] in MOVED_APPS
    ]
    for table in names:
        columns = sorted(
            (row[1], row[2], row[3], row[5])  # name, type, not null, part of the primary key
            for row in connection.execute(f"PRAGMA table_info('{table}')")
        )
        foreign_keys = sorted(
            (row[2], row[3], row[4])  # table, from, to
            for row in connection.execute(f"PRAGMA foreign_key_list('{table}')")
        )
        indexes = sorted(
            (
                tuple(col[2] for col in connection.execute(f"PRAGMA index_info('{row[1]}')")),
                row[2],  # unique
            )
            for row in connection.execute(f"PRAGMA index_list('{table}')")
        )
        create = connection.execute(
            "SELECT sql FROM sqlite_master WHERE name = ?", [table]
        ).fetchone()[0]
        checks = sorted(part.strip() for part in create.split("CONSTRAINT")[1:])
        tables[table] = {
            "columns": columns,
            "foreign_keys": foreign_keys,
            "indexes": indexes,
            "checks": checks,
        }
    connection.close()
    return tables


def test_migrated_tables_are_what_the_models_describe(tmp_path):
    migrated, from_models = tmp_path / "migrated.sqlite3", tmp_path / "models.sqlite3"
    manage("migrate", "--noinput", database=migrated)
    settings = tmp_path / "models_settings.py"
    settings.write_text(
        "from academy.settings.test import *  # noqa: F403\n"
        f"MIGRATION_MODULES = {dict.fromkeys((*MOVED_APPS, *DEPENDENT_APPS))!r}\n"
    )
    manage(
        "migrate",
        "--run-syncdb",
        "--noinput",
        database=from_models,
        env={
            "DJANGO_SETTINGS_MODULE": "models_settings",
            "PYTHONPATH": f"{tmp_path}{os.pathsep}{ROOT}",
        },
    )
    expected, actual = schema(from_models), schema(migrated)
    assert "coursework_submission" in actual and "cohorts_submission" not in actual
    assert sorted(actual) == sorted(expected)
    for table in expected:
        assert actual[table] == expected[table], table


def test_the_move_goes_back_and_forward(tmp_path):
    database = tmp_path / "db.sqlite3"
    manage("migrate", "--noinput", database=database)
    manage("migrate", "cohorts", "0005", "--noinput", database=database)
    back = schema(database)
    assert "cohorts_submission" in back and "coursework_submission" not in back
    manage("migrate", "--noinput", database=database)
    forward = schema(database)
    assert "coursework_submission" in forward and "cohorts_submission" not in forward


def test_content_types_keep_their_ids_even_when_a_twin_was_created_meanwhile(tmp_path):
    """migrate stopped after coursework 0001 lets Django's post-migrate step create fresh
    coursework content types (and permissions) beside the old cohorts ones: 0002 keeps the
    old row, which carries group permissions, audit entries and Wagtail history, and drops
    the empty twin."""
    database = tmp_path / "db.sqlite3"

    def content_types():
        with sqlite3.connect(database) as connection:
            return connection.execute(
                "SELECT id, app_label FROM django_content_type WHERE model = 'assignment'"
            ).fetchall()

    manage("migrate", "cohorts", "0005", "--noinput", database=database)
    [(old, label)] = content_types()
    assert label == "cohorts"
    with sqlite3.connect(database) as connection:
        group = connection.execute("INSERT INTO auth_group (name) VALUES ('事務局')").lastrowid
        connection.execute(
            "INSERT INTO auth_group_permissions (group_id, permission_id) "
            "SELECT ?, id FROM auth_permission WHERE content_type_id = ? "
            "AND codename = 'change_assignment'",
            [group, old],
        )
    manage("migrate", "coursework", "0001", "--noinput", database=database)
    assert sorted(label for _id, label in content_types()) == ["cohorts", "coursework"]

    manage("migrate", "--noinput", database=database)

    with sqlite3.connect(database) as connection:
        kept = connection.execute(
            "SELECT p.codename, p.content_type_id FROM auth_group_permissions gp "
            "JOIN auth_permission p ON p.id = gp.permission_id WHERE gp.group_id = ?",
            [group],
        ).fetchall()
        permissions = connection.execute(
            "SELECT count(*) FROM auth_permission p JOIN django_content_type c "
            "ON c.id = p.content_type_id WHERE c.model = 'assignment'"
        ).fetchone()[0]
    assert content_types() == [(old, "coursework")]
    assert kept == [("change_assignment", old)]
    assert permissions == 4  # add, change, delete, view: no twin's left behind
