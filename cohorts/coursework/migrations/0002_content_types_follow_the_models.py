"""The moved models' content types change app label, cohorts -> coursework, keeping their ids.

Permissions, group permissions, audit entries, Wagtail's log entries and reference index rows
all point at a content type id, so they follow the models unchanged. A fresh database has no
content types yet (they are created after migrating) and this does nothing there.
"""

from django.db import migrations

MOVED = [
    "assignment",
    "extension",
    "rubric",
    "rubriccriterion",
    "rubriclevel",
    "submission",
    "submissionfile",
]


def relabel(apps, from_label, to_label):
    """Move each content type (same id) to to_label. A to_label twin can exist already when
    migrate stopped after coursework 0001 and Django's post-migrate step created fresh, empty
    content types and permissions for the moved models: the old row carries the data, so the
    twin's permissions and the twin go, and the old row takes the label."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for model in MOVED:
        old = ContentType.objects.filter(app_label=from_label, model=model).first()
        if old is None:
            continue  # a fresh database: content types are created after migrating
        twin = ContentType.objects.filter(app_label=to_label, model=model).first()
        if twin is not None:
            Permission.objects.filter(content_type=twin).delete()
            twin.delete()
        old.app_label = to_label
        old.save(update_fields=["app_label"])


def forwards(apps, schema_editor):
    relabel(apps, "cohorts", "coursework")


def backwards(apps, schema_editor):
    relabel(apps, "coursework", "cohorts")


class Migration(migrations.Migration):
    dependencies = [
        ("coursework", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
