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
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if ContentType.objects.filter(app_label=to_label, model=model).exists():
            continue  # already there (created by an earlier, interrupted run): keep it
        ContentType.objects.filter(app_label=from_label, model=model).update(app_label=to_label)


def forwards(apps, schema_editor):
    relabel(apps, "cohorts", "coursework")


def backwards(apps, schema_editor):
    relabel(apps, "coursework", "cohorts")


class Migration(migrations.Migration):
    dependencies = [
        ("coursework", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
