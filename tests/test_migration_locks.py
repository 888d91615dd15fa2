"""Migrations must not lock a big table for long (docs/deploy.md, "Migrations that do not lock
large tables").

On a big table (BIG_TABLES), a migration that does not create the table itself may not:
- add a NOT NULL column without `db_default` (give it db_default, or add it nullable and fill it
  in batches),
- alter a column (a type change rewrites the table; NULL -> NOT NULL scans it under lock),
- add an index without CONCURRENTLY (AddIndexConcurrently, in a non-atomic migration),
- add a constraint (add it NOT VALID, validate later),
unless the migration is listed in REVIEWED with the reason it is safe. State-only operations
(SeparateDatabaseAndState's state side) do not touch the database and are not checked.
"""

import pytest
from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations
from django.db.migrations.loader import MigrationLoader
from django.db.models.fields import NOT_PROVIDED

OUR_PACKAGES = ("academy", "courses", "cohorts")

# (app label, model name): tables that grow with every trainee, attempt and click.
BIG_TABLES = {
    ("academy", "auditentry"),
    ("courses", "lessonprogress"),
    ("coursework", "submission"),
    ("coursework", "submissionfile"),
    ("review", "review"),
    ("attendance", "attendance"),
    ("scheduling", "sentnotice"),
}

# (app label, migration name): why its operations on a big table are safe.
REVIEWED = {
    ("academy", "0002_auditentry_read_only"): "verbose_name only: Django issues no SQL for it",
}


def database_operations(operations):
    for operation in operations:
        if isinstance(operation, migrations.SeparateDatabaseAndState):
            yield from database_operations(operation.database_operations)
        else:
            yield operation


def risky(app_label, operation, created):
    model = getattr(operation, "model_name", None)
    if (app_label, model) not in BIG_TABLES or model in created:
        return None
    if isinstance(operation, migrations.AddField):
        field = operation.field
        if not field.null and not field.many_to_many and field.db_default is NOT_PROVIDED:
            return "adds a NOT NULL column without db_default"
    if isinstance(operation, migrations.AlterField):
        return "alters a column"
    if isinstance(operation, migrations.AddIndex) and not isinstance(
        operation, AddIndexConcurrently
    ):
        return "adds an index without CONCURRENTLY"
    if isinstance(operation, migrations.AddConstraint):
        return "adds a constraint"
    return None


def our_migrations():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    for (app_label, name), migration in sorted(loader.disk_migrations.items()):
        if migration.__module__.split(".")[0] in OUR_PACKAGES:
            yield app_label, name, migration


def test_no_migration_locks_a_big_table():
    problems = []
    for app_label, name, migration in our_migrations():
        if (app_label, name) in REVIEWED:
            continue
        created = {
            operation.name.lower()
            for operation in database_operations(migration.operations)
            if isinstance(operation, migrations.CreateModel)
        }
        for operation in database_operations(migration.operations):
            reason = risky(app_label, operation, created)
            if reason:
                problems.append(f"{app_label}.{name}: {operation.describe()}: {reason}")
    assert problems == []


@pytest.mark.parametrize(
    ("operation", "expected"),
    [
        (migrations.AlterField("submission", "text", None), "alters a column"),
        (migrations.AddConstraint("submission", None), "adds a constraint"),
        (migrations.AlterField("cohort", "name", None), None),
    ],
)
def test_the_checker_sees_risky_operations(operation, expected):
    assert risky("coursework", operation, created=set()) == expected


def test_the_checker_sees_a_not_null_column():
    from django.db import models

    operation = migrations.AddField("submission", "score", models.IntegerField(default=0))
    assert risky("coursework", operation, set()) == "adds a NOT NULL column without db_default"
    safe = migrations.AddField("submission", "score", models.IntegerField(db_default=0))
    assert risky("coursework", safe, set()) is None
    assert risky("coursework", operation, {"submission"}) is None
