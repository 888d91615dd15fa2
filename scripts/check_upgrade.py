#!/usr/bin/env python
# ruff: noqa: S603, S606, S607, S608
# (a developer tool: it runs git, tar and manage.py with fixed arguments, and reads tables whose
# names come from the database's own introspection, quoted by the backend)
"""Prove that data survives an upgrade: old main's database migrates to this tree's shape intact.

    .venv/bin/python scripts/check_upgrade.py [--from COMMIT] [--database-url URL] [--keep]
        [--to COMMIT | --to-dir DIR] [--pg-name NAME]

(--to / --to-dir: compare with a commit, e.g. HEAD in CI, or another checkout instead of this
working tree. Exit 0: data survived; 1: a difference; 2: a step could not run.)

1. The base commit (default: 3d169c3, the main before the coursework reshape) is unpacked with
   `git archive | tar -x` into a temporary directory (no worktree state is left behind) and
   run with this same venv's python.
2. A fresh database: a SQLite file in the temporary directory, or with --database-url
   postgres://user@host:port/anything (or env DATABASE_URL) a dedicated PostgreSQL database
   (--pg-name, default academy_upgrade_check; dropped first when it exists and dropped at the
   end; the database named in the URL is never touched). MEDIA_ROOT and PRIVATE_MEDIA_ROOT
   point into the temporary directory as well.
3. Old tree: `migrate`, `seed_demo` (default size), then hand-made data through the old code's
   own services: submissions with real stored PDF files (a draft and submitted attempts), an
   extension granted and changed with audit entries, an assignment updated (audited, plus a
   Wagtail log entry).
4. Snapshot: every table (count, hash of all rows, rows keyed by primary key), every file
   under both media roots (sha256), and for every column that points at django_content_type
   the (app_label, model) of each row; plus a probe run with the old code (every model loaded,
   files present, sha256 of files matching the database).
5. This tree: `migrate` on the same database and media, snapshot and probe again, then
   `migrate --check`, `makemigrations --check --dry-run` and `check --fail-level WARNING`.
6. Compare (renamed tables via RENAMED_TABLES, moved models via MOVED_MODELS), print a report
   and exit 1 on any difference (2 when a step could not run).

Until a reshape lands, a RENAMED_TABLES / MOVED_MODELS entry that is not applied yet (old name
still there, new one absent) falls back to the old name and is reported, not failed.
"""

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from collections import Counter
from pathlib import Path

# --- What a reshape is allowed to change (extend these for later reshapes) --------------------

# main as landed after session 2 (#11, #12, #14, #15, #16)
DEFAULT_BASE = "7daa72124caecab92849ed15361d69553c26f65c"

# Tables renamed in place by the new migrations: old name -> new name.
RENAMED_TABLES = {
    "cohorts_assignment": "coursework_assignment",
    "cohorts_extension": "coursework_extension",
    "cohorts_rubric": "coursework_rubric",
    "cohorts_rubriccriterion": "coursework_rubriccriterion",
    "cohorts_rubriclevel": "coursework_rubriclevel",
    "cohorts_submission": "coursework_submission",
    "cohorts_submissionfile": "coursework_submissionfile",
}

# Models moved to another app (their ContentType row is relabelled, same id): old -> new label.
MOVED_MODELS = {
    f"cohorts.{name}": f"coursework.{name}"
    for name in (
        "assignment",
        "extension",
        "rubric",
        "rubriccriterion",
        "rubriclevel",
        "submission",
        "submissionfile",
    )
}

# Tables whose rows legitimately change during migrate (compared not at all, or specially).
IGNORED_TABLES = {"django_migrations": "the migration record itself grows"}
CONTENT_TYPE_TABLE = "django_content_type"
PERMISSION_TABLE = "auth_permission"

# New tables that may hold rows right after migrate (e.g. filled by a data migration).
NEW_TABLES_MAY_HAVE_ROWS = set()

# Values a data migration renames on purpose: {table: {column: {old: new}}}. Only exactly these
# old values may become exactly these new ones (academy/wagtail_ja/migrations/0001: Wagtail's
# default rows get Japanese names while they still have the English ones).
ALLOWED_VALUE_CHANGES = {
    "auth_group": {"name": {"Moderators": "承認者", "Editors": "編集者"}},
    "wagtailcore_page": {"title": {"Root": "ルート"}, "draft_title": {"Root": "ルート"}},
    "wagtailcore_task": {"name": {"Moderators approval": "承認者の確認"}},
    "wagtailcore_workflow": {"name": {"Moderators approval": "公開前の承認"}},
}

# Columns a new migration may drop without it being data loss: {table: {column, ...}}.
ALLOWED_DROPPED_COLUMNS = {}

SETTINGS = "academy.settings.dev"
PG_DEFAULT_NAME = "academy_upgrade_check"
TAIL_LINES = 40

REPO = Path(__file__).resolve().parent.parent


# --- Small helpers ----------------------------------------------------------------------------


class StepFailed(Exception):
    pass


def say(text=""):
    print(text, flush=True)


def tail(text, lines=TAIL_LINES):
    rows = (text or "").rstrip().splitlines()
    cut = rows[-lines:]
    prefix = [f"    … ({len(rows) - lines} earlier lines)"] if len(rows) > lines else []
    return "\n".join(prefix + ["    " + row for row in cut])


def venv_python():
    candidate = REPO / ".venv" / "bin" / "python"
    return str(candidate) if candidate.exists() else sys.executable


TIMINGS = []


def run(label, cmd, *, cwd, env, check=True, timeout=1800):
    """Run one step; on failure raise StepFailed naming it, with the stderr/stdout tails."""
    started = time.monotonic()
    say(f"  · {label}")
    try:
        done = subprocess.run(
            cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired as error:
        raise StepFailed(
            f"{label}: timed out after {timeout} s\n{tail(error.stderr or '')}"
        ) from None
    elapsed = time.monotonic() - started
    TIMINGS.append((label, elapsed))
    if check and done.returncode != 0:
        raise StepFailed(
            f"{label} failed (exit {done.returncode}) in {cwd}:\n  $ {' '.join(str(a) if '\n' not in str(a) else '<snippet>' for a in cmd)}\n"
            f"  stderr:\n{tail(done.stderr)}\n  stdout:\n{tail(done.stdout, 15)}"
        )
    return done


def settings_variables(tree):
    """Every environment variable the tree's settings read (so none leaks in from outside)."""
    import re

    names = {"DATABASE_URL", "DB_CONN_MAX_AGE", "CACHE_URL", "EMAIL_URL", "DJANGO_SETTINGS_MODULE"}
    for path in (Path(tree) / "academy" / "settings").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        names.update(re.findall(r"env_\w+\(\s*[\"']([A-Z0-9_]+)[\"']", text))
        names.update(re.findall(r"environ(?:\.get)?[\[(]\s*[\"']([A-Z0-9_]+)[\"']", text))
    return names


def make_env(trees, database_url, tmp):
    env = dict(os.environ)
    for tree in trees:
        for name in settings_variables(tree):
            env.pop(name, None)
    env.pop("PYTHONPATH", None)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": SETTINGS,
            "DATABASE_URL": database_url,
            "MEDIA_ROOT": str(tmp / "media"),
            "PRIVATE_MEDIA_ROOT": str(tmp / "private"),
            "STATIC_ROOT": str(tmp / "static"),
            "SECRET_KEY": "upgrade-check-not-secret",
            "DEBUG": "1",
            "EMAIL_URL": "console://",
            "CACHE_URL": "locmem://",
            "LOG_LEVEL": "WARNING",
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


# --- Database lifecycle -----------------------------------------------------------------------


def pg_admin(url, statements):
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit(
        (parts.scheme.replace("postgis", "postgresql"), parts.netloc, "/postgres", parts.query, "")
    )
    admin = admin.replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


def pg_url_for(url, name):
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))


# --- Snapshots (in this process, through Django's introspection, no project code) -------------


def open_connection(database_url):
    import dj_database_url
    from django.conf import settings

    config = dj_database_url.parse(database_url)
    if not settings.configured:
        settings.configure(DATABASES={"default": config}, USE_TZ=True, INSTALLED_APPS=[])
        import django

        django.setup()
    from django.db import connections

    return connections["default"]


def normalise(value):
    if isinstance(value, memoryview):
        value = bytes(value)
    if isinstance(value, (dict, list)):
        return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return repr(value)


def snapshot_database(database_url):
    connection = open_connection(database_url)
    introspection = connection.introspection
    tables = {}
    with connection.cursor() as cursor:
        names = sorted(introspection.table_names(cursor))
        for table in names:
            columns = sorted(col.name for col in introspection.get_table_description(cursor, table))
            pk = introspection.get_primary_key_column(cursor, table)
            relations = introspection.get_relations(cursor, table)
            ct_columns = sorted(
                {
                    c
                    for c, (_, ref_table, *_) in relations.items()
                    if ref_table == CONTENT_TYPE_TABLE
                }
                | {c for c in columns if c.endswith("content_type_id")}
            )
            quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
            cursor.execute(f"SELECT {quoted} FROM {connection.ops.quote_name(table)}")
            rows = {}
            for index, raw in enumerate(cursor.fetchall()):
                values = dict(zip(columns, (normalise(v) for v in raw), strict=True))
                key = (
                    values[pk]
                    if pk
                    else f"#{index}:{hashlib.sha256(repr(sorted(values.items())).encode()).hexdigest()}"
                )
                rows[key] = values
            seq = None
            if connection.vendor == "postgresql" and pk and rows:
                cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, pk])
                sequence = cursor.fetchone()[0]
                if sequence:
                    cursor.execute(f"SELECT last_value, is_called FROM {sequence}")
                    last, called = cursor.fetchone()
                    cursor.execute(
                        f"SELECT max({connection.ops.quote_name(pk)}) FROM {connection.ops.quote_name(table)}"
                    )
                    seq = {
                        "name": sequence,
                        "last": last,
                        "called": called,
                        "max": cursor.fetchone()[0],
                    }
            tables[table] = {
                "columns": columns,
                "pk": pk,
                "rows": rows,
                "ct_columns": ct_columns,
                "sequence": seq,
            }
        cursor.execute(f"SELECT id, app_label, model FROM {CONTENT_TYPE_TABLE}")
        content_types = {row[0]: f"{row[1]}.{row[2]}" for row in cursor.fetchall()}
    connection.close()
    return {"tables": tables, "content_types": content_types, "vendor": connection.vendor}


def row_hash(rows, columns):
    digest = hashlib.sha256()
    for line in sorted(
        json.dumps([row[c] for c in columns], ensure_ascii=False) for row in rows.values()
    ):
        digest.update(line.encode())
        digest.update(b"\n")
    return digest.hexdigest()


def snapshot_files(*roots):
    files = {}
    for root in roots:
        root = Path(root)
        if not root.exists():
            continue
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            files[f"{root.name}/{path.relative_to(root)}"] = hashlib.sha256(
                path.read_bytes()
            ).hexdigest()
    return files


# --- Code run inside the old / new trees (through manage.py shell -c) -------------------------

# Hand-made data through the old code's own services; names looked up in the nested app first,
# so a later base (after the reshape) works too. Writes what it made to $UPGRADE_CHECK_OUT.
SEED_EXTRA = textwrap.dedent(
    r"""
    import importlib, io, json, os
    from datetime import timedelta
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction
    from django.utils import timezone

    def model(name, *labels):
        for label in labels or ("coursework", "cohorts"):
            try:
                return apps.get_model(label, name)
            except LookupError:
                pass
        raise LookupError(name)

    def module(*names):
        for name in names:
            try:
                return importlib.import_module(name)
            except ModuleNotFoundError:
                pass
        raise ModuleNotFoundError(" / ".join(names))

    def pdf_bytes(text):
        stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
        objects = [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
        out = io.BytesIO()
        out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, body in enumerate(objects, start=1):
            offsets.append(out.tell())
            out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
        xref = out.tell()
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
        for offset in offsets:
            out.write(b"%010d 00000 n \n" % offset)
        out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1))
        out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
        return out.getvalue()

    Assignment = model("Assignment")
    Extension = model("Extension")
    Submission = model("Submission")
    Cohort = model("Cohort", "cohorts")
    Membership = model("Membership", "cohorts")
    services = module("cohorts.coursework.services.submissions", "cohorts.coursework.services",
                      "cohorts.coursework.submission_services",
                      "cohorts.submission_services")
    validation = module("cohorts.coursework.uploads.validation", "cohorts.uploads.validation")
    audit = importlib.import_module("academy.audit")

    made = {}
    now = timezone.now()
    staff = get_user_model().objects.filter(is_staff=True, is_active=True).order_by("pk").first()
    cohort = next(
        c for c in Cohort.objects.order_by("pk")
        if c.accepts_new_work
        and Membership.objects.filter(cohort=c, role="trainee", is_active=True).count() >= 3
    )
    trainees = list(Membership.objects.filter(cohort=cohort, role="trainee", is_active=True)
                    .select_related("user").order_by("pk")[:3])

    # A new assignment set by staff, open now, taking text or files, resubmission allowed.
    assignment = Assignment.objects.create(
        cohort=cohort, title="アップグレード確認: 事業承継計画書", brief="<p>計画書を<b>PDF</b>で提出してください。</p>",
        opens_at=now - timedelta(days=1), due_at=now + timedelta(days=14), parts="either",
        max_attempts=None, created_by=staff,
    )
    made["assignment"] = assignment.pk

    def files(*names):
        uploads = [SimpleUploadedFile(n, pdf_bytes(f"{n} {assignment.pk}"), content_type="application/pdf")
                   for n in names]
        return validation.validate_uploads(uploads)

    first, second, third = trainees
    draft = services.save_draft(assignment, first, text="<p>下書き：後継者の役割</p>", files=files("下書き.pdf"))
    sub1, _ = services.submit(assignment, first, text="<p>第1版：三年計画</p>", files=files("計画書_v1.pdf"),
                              key="upgrade-check-1")
    assert sub1.pk == draft.pk and sub1.files.count() == 2, "draft turned into attempt 1 with 2 files"
    sub2, _ = services.submit(assignment, second, text="", files=files("計画書.pdf", "資金計画.pdf"),
                              key="upgrade-check-2")
    kept_draft = services.save_draft(assignment, third, text="<p>作成中</p>", files=files("メモ.pdf"))
    made["submissions"] = [sub1.pk, sub2.pk, kept_draft.pk]
    made["files"] = sorted(f.file.name for s in (sub1, sub2, kept_draft) for f in s.files.all())

    # An extension granted, then moved, each change audited as the site's view does it.
    fields = ["due_at", "reason", "granted_by"]
    with transaction.atomic():
        extension = Extension.objects.create(assignment=assignment, membership=third,
                                             due_at=assignment.due_at + timedelta(days=7),
                                             reason="家業の決算期のため", granted_by=staff)
        audit.record_change(actor=staff, obj=extension, action="create",
                            after=audit.snapshot(extension, fields), reason=extension.reason)
    with transaction.atomic():
        before = audit.snapshot(extension, fields)
        extension.due_at = extension.due_at + timedelta(days=3)
        extension.reason = "家業の決算期のため（延長）"
        extension.save()
        audit.record_change(actor=staff, obj=extension, action="update", before=before,
                            after=audit.snapshot(extension, fields), reason=extension.reason)
    made["extension"] = extension.pk

    # An existing (demo) assignment updated: new title and due date, audited and logged.
    existing = Assignment.objects.exclude(pk=assignment.pk).order_by("pk").first()
    with transaction.atomic():
        before = audit.snapshot(existing, ["title", "due_at"])
        existing.title = existing.title + "（改訂）"
        existing.due_at = existing.due_at + timedelta(days=2)
        existing.save()
        audit.record_change(actor=staff, obj=existing, action="update", before=before,
                            after=audit.snapshot(existing, ["title", "due_at"]), reason="日程変更")
        audit.record_change(actor=staff, obj=sub2, action="note", after={"status": sub2.status},
                            reason="upgrade check")
    made["updated_assignment"] = existing.pk
    try:
        from wagtail.log_actions import log
        entry = log(instance=existing, action="wagtail.edit", user=staff)
        made["wagtail_log_entry"] = getattr(entry, "pk", None)
    except Exception as error:  # the log registry may not know the model: still fine
        made["wagtail_log_entry"] = f"not written: {error}"

    with open(os.environ["UPGRADE_CHECK_OUT"], "w") as out:
        json.dump(made, out)
    """
)

# Every concrete model loaded with the tree's own code: rows, files on disk, content type id.
PROBE = textwrap.dedent(
    r"""
    import hashlib, json, os
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.db import models

    result = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        info = {"db_table": meta.db_table, "app_label": meta.app_label}
        try:
            info["content_type_id"] = (ContentType.objects.filter(app_label=meta.app_label,
                                       model=meta.model_name).values_list("pk", flat=True).first())
            file_fields = [f for f in meta.concrete_fields if isinstance(f, models.FileField)]
            loaded = missing = mismatched = 0
            for obj in model._base_manager.order_by("pk").iterator(chunk_size=2000):
                loaded += 1
                for field in file_fields:
                    value = getattr(obj, field.attname)
                    if not value or not value.name:
                        continue
                    if not value.storage.exists(value.name):
                        missing += 1
                    elif isinstance(getattr(obj, "sha256", None), str) and len(obj.sha256) == 64:
                        with value.storage.open(value.name, "rb") as handle:
                            if hashlib.sha256(handle.read()).hexdigest() != obj.sha256:
                                mismatched += 1
            info.update(count=loaded, files_missing=missing, files_mismatched=mismatched,
                        file_fields=[f.name for f in file_fields])
        except Exception as error:
            info["error"] = f"{type(error).__name__}: {error}"
        result[meta.label_lower] = info
    try:
        Submission = apps.get_model("coursework", "Submission")
    except LookupError as error:
        result["__coursework__"] = {"skipped": str(error)}
    else:
        result["__coursework__"] = {"submissions": Submission.objects.count()}
    with open(os.environ["UPGRADE_CHECK_OUT"], "w") as out:
        json.dump(result, out)
    """
)


def unpack(commit, into):
    """git archive COMMIT | tar -x -C INTO: a clean copy of the tree, no worktree state left."""
    archive = subprocess.Popen(["git", "archive", commit], cwd=REPO, stdout=subprocess.PIPE)
    untar = subprocess.run(
        ["tar", "-x", "-C", str(into)], stdin=archive.stdout, capture_output=True
    )
    archive.stdout.close()
    if archive.wait() or untar.returncode:
        raise StepFailed(f"git archive {commit} | tar -x failed: {untar.stderr.decode()[-500:]}")


def shell(label, tree, env, code, out_path):
    env = {**env, "UPGRADE_CHECK_OUT": str(out_path)}
    run(label, [venv_python(), "manage.py", "shell", "--no-imports", "-c", code], cwd=tree, env=env)
    return json.loads(Path(out_path).read_text())


# --- Comparison -------------------------------------------------------------------------------


class Report:
    def __init__(self):
        self.problems = []
        self.notes = []

    def problem(self, text):
        self.problems.append(text)

    def note(self, text):
        self.notes.append(text)


def compare_tables(old, new, report):
    old_tables, new_tables = old["tables"], new["tables"]
    matched_new = set()
    rows_out = []
    for table in sorted(old_tables):
        if table in IGNORED_TABLES:
            extra = len(new_tables.get(table, {}).get("rows", {})) - len(old_tables[table]["rows"])
            rows_out.append(
                (
                    table,
                    "",
                    len(old_tables[table]["rows"]),
                    f"ignored ({IGNORED_TABLES[table]}; +{extra})",
                )
            )
            matched_new.add(table)
            continue
        target = RENAMED_TABLES.get(table, table)
        how = "same name"
        if target != table:
            if target in new_tables and table in new_tables:
                report.problem(
                    f"{table}: renamed to {target}, but the old table still exists too "
                    f"({len(new_tables[table]['rows'])} rows) — a copy instead of a rename?"
                )
                how = f"→ {target} (old table left behind!)"
            elif target in new_tables:
                how = "renamed"
            elif table in new_tables:
                report.note(
                    f"{table}: not renamed to {target} yet (new name absent): compared as {table}"
                )
                target, how = table, "not renamed yet (fallback)"
            else:
                report.problem(
                    f"{table}: missing after migrate (neither {table} nor {target} exists)"
                )
                rows_out.append((table, target, len(old_tables[table]["rows"]), "MISSING"))
                continue
        elif table not in new_tables:
            report.problem(f"{table}: missing after migrate")
            rows_out.append((table, "-", len(old_tables[table]["rows"]), "MISSING"))
            continue
        matched_new.add(target)
        before, after = old_tables[table], new_tables[target]
        status = compare_rows(table, target, before, after, report)
        rows_out.append(
            (table, target if target != table else "", len(before["rows"]), f"{how}; {status}")
        )
    new_only = sorted(set(new_tables) - matched_new)
    for table in new_only:
        count = len(new_tables[table]["rows"])
        if count and table not in NEW_TABLES_MAY_HAVE_ROWS:
            report.problem(f"new table {table} has {count} rows right after migrate (not allowed)")
        rows_out.append((table, "", count, "new (empty)" if not count else "new, with rows"))
    for table, info in sorted(new_tables.items()):
        seq = info.get("sequence")
        if seq and seq["max"] is not None and seq["last"] < seq["max"]:
            report.problem(
                f"{table}: sequence {seq['name']} is at {seq['last']} but max(id) is {seq['max']}: "
                "the next insert would collide"
            )
    return rows_out


def _renamed(row, renames, status):
    """The old row as the allowed renames leave it (ALLOWED_VALUE_CHANGES)."""
    row = dict(row)
    for column, mapping in renames.items():
        for old, new in mapping.items():
            if row.get(column) == normalise(old):
                row[column] = normalise(new)
                status.append(f"{column} {old!r} renamed {new!r} (allowed)")
    return row


def compare_rows(table, target, before, after, report):
    if table in (CONTENT_TYPE_TABLE,):
        return "compared specially (below)"
    old_cols, new_cols = set(before["columns"]), set(after["columns"])
    common = sorted(old_cols & new_cols)
    status = []
    dropped = old_cols - new_cols - ALLOWED_DROPPED_COLUMNS.get(table, set())
    if dropped:
        report.problem(f"{table}: columns dropped by migrate: {sorted(dropped)}")
    if new_cols - old_cols:
        report.note(
            f"{target}: columns added later, compared on the common ones: {sorted(new_cols - old_cols)}"
        )
        status.append(f"+cols {sorted(new_cols - old_cols)}")
    old_rows, new_rows = before["rows"], after["rows"]
    renames = ALLOWED_VALUE_CHANGES.get(table)
    if renames:
        old_rows = {key: _renamed(row, renames, status) for key, row in old_rows.items()}
    if table == PERMISSION_TABLE:
        extra = set(new_rows) - set(old_rows)
        new_rows = {k: v for k, v in new_rows.items() if k in old_rows}
        if extra:
            status.append(f"{len(extra)} new permission rows (listed below)")
    if len(old_rows) != len(new_rows):
        report.problem(f"{table}: {len(old_rows)} rows before, {len(new_rows)} after (as {target})")
    if row_hash(old_rows, common) != row_hash(new_rows, common):
        differing = [
            k
            for k in old_rows
            if k not in new_rows or any(old_rows[k][c] != new_rows[k][c] for c in common)
        ]
        sample = []
        for key in differing[:3]:
            if key not in new_rows:
                sample.append(f"pk {key}: gone")
            else:
                changed = {
                    c: (old_rows[key][c], new_rows[key][c])
                    for c in common
                    if old_rows[key][c] != new_rows[key][c]
                }
                sample.append(f"pk {key}: {json.dumps(changed, ensure_ascii=False)[:300]}")
        report.problem(
            f"{table}: row hash differs ({len(differing)} rows changed or gone"
            + (
                f"; {len(set(new_rows) - set(old_rows))} rows appeared"
                if set(new_rows) - set(old_rows)
                else ""
            )
            + ")\n        "
            + "\n        ".join(sample)
        )
        status.append("ROWS DIFFER")
    else:
        status.append("rows identical")
    return ", ".join(status)


def expected_label(label, new_probe):
    """The label an old model has after migrate: moved when the new code has it moved."""
    target = MOVED_MODELS.get(label)
    if target and target in new_probe:
        return target, True
    return label, False


def compare_content_types(old, new, new_probe, report):
    old_ct, new_ct = old["content_types"], new["content_types"]
    lines = []
    for pk, label in sorted(old_ct.items()):
        want, moved = expected_label(label, new_probe)
        have = new_ct.get(pk)
        if have is None:
            report.problem(f"content type {pk} ({label}) is gone")
        elif have != want:
            report.problem(f"content type {pk}: was {label}, expected {want}, is {have}")
        elif moved:
            lines.append(f"content type {pk}: {label} → {have} (same id)")
        elif label in MOVED_MODELS:
            report.note(
                f"content type {pk}: {label} not relabelled yet ({MOVED_MODELS[label]} not in the new code)"
            )
    moved_targets = {expected_label(label, new_probe)[0] for label in old_ct.values()}
    labels = Counter(new_ct.values())
    for label, count in labels.items():
        if count > 1:
            report.problem(f"content type {label} exists {count} times")
    for pk, label in sorted(new_ct.items()):
        if pk in old_ct:
            continue
        if label in moved_targets:
            report.problem(
                f"content type {pk} ({label}) is a duplicate: the old row should have been relabelled"
            )
        elif any(label == old_label for old_label in old_ct.values()):
            report.problem(f"content type {pk} ({label}) duplicates an old row")
        else:
            lines.append(f"new content type {pk}: {label}")
    stale = [
        f"{pk} {label}"
        for pk, label in new_ct.items()
        if label in MOVED_MODELS and MOVED_MODELS[label] in new_probe
    ]
    if stale:
        report.problem(f"stale content types of moved models remain: {stale}")
    return lines


def compare_ct_references(old, new, new_probe, report):
    """Every row pointing at a content type still points at the same model (with the mapping)."""
    lines = []
    old_ct, new_ct = old["content_types"], new["content_types"]
    for table, info in sorted(old["tables"].items()):
        if not info["ct_columns"] or table in IGNORED_TABLES:
            continue
        target = RENAMED_TABLES.get(table, table)
        if target not in new["tables"]:
            target = table
        after = new["tables"].get(target)
        if after is None:
            continue
        for column in info["ct_columns"]:
            if column not in after["columns"]:
                report.problem(f"{table}.{column} is gone")
                continue
            bad, counts = 0, Counter()
            for key, row in info["rows"].items():
                old_id = row[column]
                if old_id == "None":
                    continue
                old_label = old_ct.get(int(old_id), f"? {old_id}")
                want = expected_label(old_label, new_probe)[0]
                new_row = after["rows"].get(key)
                have = (
                    new_ct.get(int(new_row[column]), "?")
                    if new_row and new_row[column] != "None"
                    else None
                )
                counts[(old_label, want)] += 1
                if have != want:
                    bad += 1
                    if bad <= 3:
                        report.problem(
                            f"{table} row {key}: {column} pointed at {old_label}, now at {have} (expected {want})"
                        )
            if bad:
                report.problem(
                    f"{table}.{column}: {bad} rows point at a different model after migrate"
                )
            moved = sorted((o, w, n) for (o, w), n in counts.items() if o in MOVED_MODELS)
            summary = (
                ", ".join(
                    f"{o}→{w} ×{n}" if o != w else f"{o} ×{n} (not moved yet)" for o, w, n in moved
                )
                or "no moved models referenced"
            )
            lines.append(f"{table}.{column}: {sum(counts.values())} rows checked; {summary}")
    return lines


def compare_files(old_files, new_files, report):
    gone = sorted(set(old_files) - set(new_files))
    changed = sorted(p for p in old_files if p in new_files and old_files[p] != new_files[p])
    added = sorted(set(new_files) - set(old_files))
    for path in gone[:10]:
        report.problem(f"file gone: {path}")
    for path in changed[:10]:
        report.problem(f"file changed: {path}")
    if len(gone) > 10 or len(changed) > 10:
        report.problem(f"… {len(gone)} files gone, {len(changed)} changed in all")
    if added:
        report.note(f"{len(added)} files appeared during migrate: {added[:5]}")
    return f"{len(old_files)} files before, {len(new_files)} after; {len(gone)} gone, {len(changed)} changed"


def compare_probes(old_probe, new_probe, report):
    lines = []
    for label, before in sorted(old_probe.items()):
        if label.startswith("__"):
            continue
        target, moved = expected_label(label, new_probe)
        after = new_probe.get(target)
        if label in MOVED_MODELS and not moved:
            report.note(f"model {label}: not moved to {MOVED_MODELS[label]} yet")
        if after is None:
            report.problem(f"model {label}: not found in the new code (as {target})")
            continue
        if "error" in after:
            report.problem(f"model {target}: the new code cannot load it: {after['error']}")
            continue
        if "error" in before:
            report.note(f"model {label}: the old code could not load it: {before['error']}")
            continue
        want_table = RENAMED_TABLES.get(before["db_table"], before["db_table"])
        if after["db_table"] not in (want_table, before["db_table"]):
            report.note(
                f"model {target}: table {before['db_table']} → {after['db_table']} (not in RENAMED_TABLES)"
            )
        grows = label in ("contenttypes.contenttype", "auth.permission")  # new models add rows
        if after["count"] < before["count"] or (after["count"] != before["count"] and not grows):
            report.problem(
                f"model {target}: {before['count']} rows with the old code, {after['count']} with the new"
            )
        if before["content_type_id"] and after["content_type_id"] != before["content_type_id"]:
            report.problem(
                f"model {target}: content type id {before['content_type_id']} before, {after['content_type_id']} after"
            )
        for key in ("files_missing", "files_mismatched"):
            if after[key] > before[key]:
                report.problem(
                    f"model {target}: {after[key]} {key.replace('_', ' ')} (was {before[key]})"
                )
            elif after[key]:
                report.note(
                    f"model {target}: {after[key]} {key.replace('_', ' ')} already before the upgrade"
                )
        if moved or after["file_fields"]:
            extra = f", files checked: {after['file_fields']}" if after["file_fields"] else ""
            lines.append(
                f"{label} → {target} [{after['db_table']}]: {after['count']} rows loaded{extra}"
            )
    for label in sorted(set(new_probe) - {expected_label(old, new_probe)[0] for old in old_probe}):
        if not label.startswith("__"):
            info = new_probe[label]
            if info.get("count"):
                report.problem(f"new model {label} has {info['count']} rows right after migrate")
            lines.append(
                f"new model {label} [{info.get('db_table')}]: {info.get('count', info.get('error'))} rows"
            )
    if "submissions" in new_probe.get("__coursework__", {}):
        lines.append(
            f"coursework.Submission.objects.count() with the new code: {new_probe['__coursework__']['submissions']}"
        )
    else:
        skipped = new_probe.get("__coursework__", {}).get("skipped", "no coursework app")
        lines.append(f"coursework.Submission not loaded ({skipped}): skipped")
    return lines


# --- Main -------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--from", dest="base", default=DEFAULT_BASE, help="base commit (default %(default)s)"
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", ""),
        help="postgres://user@host:port/x for PostgreSQL (default: SQLite in a temp dir)",
    )
    parser.add_argument(
        "--to",
        dest="target",
        default=None,
        help="compare with this commit instead of the working tree (e.g. HEAD in CI)",
    )
    parser.add_argument(
        "--to-dir",
        default=None,
        help="a directory holding the new code (default: this script's repository)",
    )
    parser.add_argument(
        "--pg-name", default=PG_DEFAULT_NAME, help="the throwaway PostgreSQL database"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the temp dir and database to look at"
    )
    args = parser.parse_args()

    started = time.monotonic()
    commit = subprocess.run(
        ["git", "rev-parse", "--verify", f"{args.base}^{{commit}}"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    if commit.returncode:
        say(f"Unknown commit {args.base!r}: {commit.stderr.strip()}")
        return 2
    commit = commit.stdout.strip()
    target = None
    if args.target:
        target = subprocess.run(
            ["git", "rev-parse", "--verify", f"{args.target}^{{commit}}"],
            cwd=REPO,
            capture_output=True,
            text=True,
        )
        if target.returncode:
            say(f"Unknown commit {args.target!r}: {target.stderr.strip()}")
            return 2
        target = target.stdout.strip()
    tmp = Path(tempfile.mkdtemp(prefix="academy-upgrade-check-"))
    old_tree = tmp / "old"
    old_tree.mkdir()
    (tmp / "media").mkdir()
    (tmp / "private").mkdir()
    scheme = args.database_url.split("://", 1)[0] if args.database_url else "sqlite"
    pg = scheme.startswith("postgres")
    if args.database_url and not pg and scheme != "sqlite":
        say(f"Unsupported --database-url scheme {scheme!r} (postgres:// or none for SQLite)")
        return 2
    if pg:
        database_url = pg_url_for(args.database_url, args.pg_name)
    else:
        database_url = f"sqlite:///{tmp / 'db.sqlite3'}"
    new_tree = Path(args.to_dir).resolve() if args.to_dir else REPO
    to_text = f"commit {target[:12]}" if target else f"tree {new_tree}"
    say(f"Upgrade check: {commit[:12]} (old main) → {to_text}")
    say(f"  database {database_url}, files under {tmp}")
    report = Report()
    try:
        if pg:
            say(f"  · creating PostgreSQL database {args.pg_name}")
            pg_admin(
                args.database_url,
                [
                    f'DROP DATABASE IF EXISTS "{args.pg_name}" WITH (FORCE)',
                    f'CREATE DATABASE "{args.pg_name}"',
                ],
            )
        say("Old tree")
        unpack(commit, old_tree)
        if target:
            new_tree = tmp / "new"
            new_tree.mkdir()
            unpack(target, new_tree)
        env = make_env([old_tree, new_tree], database_url, tmp)
        run(
            "old: migrate",
            [venv_python(), "manage.py", "migrate", "--noinput"],
            cwd=old_tree,
            env=env,
        )
        seed = [venv_python(), "manage.py", "seed_demo"]
        if (
            "i-know-this-is-not-production"
            in (old_tree / "academy/management/commands/seed_demo.py").read_text()
        ):
            seed.append("--i-know-this-is-not-production")
        run("old: seed_demo", seed, cwd=old_tree, env=env)
        made = shell(
            "old: hand-made submissions, files, extension, audit entries",
            old_tree,
            env,
            SEED_EXTRA,
            tmp / "made.json",
        )
        say(f"    made: {json.dumps(made, ensure_ascii=False)}")
        old_probe = shell(
            "old: load every model with the old code", old_tree, env, PROBE, tmp / "probe-old.json"
        )
        say("  · snapshot before")
        t0 = time.monotonic()
        before = snapshot_database(database_url)
        files_before = snapshot_files(tmp / "media", tmp / "private")
        TIMINGS.append(("snapshot before", time.monotonic() - t0))

        say("This tree")
        run(
            "new: migrate",
            [venv_python(), "manage.py", "migrate", "--noinput"],
            cwd=new_tree,
            env=env,
        )
        say("  · snapshot after")
        t0 = time.monotonic()
        after = snapshot_database(database_url)
        files_after = snapshot_files(tmp / "media", tmp / "private")
        TIMINGS.append(("snapshot after", time.monotonic() - t0))
        new_probe = shell(
            "new: load every model with the new code", new_tree, env, PROBE, tmp / "probe-new.json"
        )
        for label, cmd in [
            ("new: migrate --check", ["migrate", "--check"]),
            ("new: makemigrations --check --dry-run", ["makemigrations", "--check", "--dry-run"]),
            ("new: check --fail-level WARNING", ["check", "--fail-level", "WARNING"]),
        ]:
            done = run(
                label, [venv_python(), "manage.py", *cmd], cwd=new_tree, env=env, check=False
            )
            if done.returncode:
                report.problem(
                    f"{label} failed (exit {done.returncode}):\n{tail(done.stdout + done.stderr, 20)}"
                )

        table_rows = compare_tables(before, after, report)
        ct_lines = compare_content_types(before, after, new_probe, report)
        ref_lines = compare_ct_references(before, after, new_probe, report)
        file_line = compare_files(files_before, files_after, report)
        model_lines = compare_probes(old_probe, new_probe, report)
        applied = sorted(
            f"{r['app']}.{r['name']}".replace("'", "")
            for k, r in after["tables"]["django_migrations"]["rows"].items()
            if k not in before["tables"]["django_migrations"]["rows"]
        )
    except StepFailed as error:
        say(f"\nSTEP FAILED: {error}")
        kept = f"kept: {tmp}" + (f", database {args.pg_name}" if pg else "")
        say(f"({kept if args.keep else 'temporary files and database removed'})")
        return 2
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
            if pg:
                try:
                    from django.db import connections

                    connections.close_all()
                except Exception as error:
                    say(f"(closing connections: {error})")
                try:
                    pg_admin(
                        args.database_url,
                        [f'DROP DATABASE IF EXISTS "{args.pg_name}" WITH (FORCE)'],
                    )
                except Exception as error:  # report, don't hide the real result
                    say(f"(could not drop {args.pg_name}: {error})")

    say("\n== Tables (old name → new name: rows before; result)")
    width = max(len(t[0]) for t in table_rows)
    for table, target, count, status in table_rows:
        arrow = f" → {target}" if target else ""
        say(f"  {table:<{width}} {count:>7}  {arrow} {status}".rstrip())
    say("\n== Content types")
    for line in ct_lines or ["(no changes)"]:
        say(f"  {line}")
    say("\n== Rows pointing at content types (audit entries, Wagtail log entries, permissions, …)")
    for line in ref_lines:
        say(f"  {line}")
    new_perms = [
        f"{k} {r['codename']} ({after['content_types'].get(int(r['content_type_id']), '?')})".replace(
            "'", ""
        )
        for k, r in after["tables"].get(PERMISSION_TABLE, {}).get("rows", {}).items()
        if k not in before["tables"].get(PERMISSION_TABLE, {}).get("rows", {})
    ]
    if new_perms:
        say(f"  new permissions: {', '.join(new_perms)}")
    say("\n== Models loaded with the new code")
    for line in model_lines:
        say(f"  {line}")
    say("\n== Files")
    say(f"  {file_line}")
    say(f"\n== Migrations applied by the new code: {', '.join(applied) or 'none'}")
    say("\n== Timings")
    for label, seconds in TIMINGS:
        say(f"  {seconds:6.1f} s  {label}")
    say(f"  {time.monotonic() - started:6.1f} s  in all ({before['vendor']})")
    if report.notes:
        say("\n== Notes")
        for line in report.notes:
            say(f"  - {line}")
    if report.problems:
        say(f"\n== {len(report.problems)} PROBLEMS: data did not survive intact")
        for line in report.problems:
            say(f"  ✗ {line}")
        return 1
    say(
        f"\nOK: every table, row, file and content-type reference of {commit[:12]} survived the upgrade."
    )
    return 0


if __name__ == "__main__":
    try:
        import django  # noqa: F401
    except ImportError:
        os.execv(venv_python(), [venv_python(), *sys.argv])
    sys.exit(main())
