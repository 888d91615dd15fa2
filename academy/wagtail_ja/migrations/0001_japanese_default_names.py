"""Renames Wagtail's default rows to Japanese, only where they still have Wagtail's English name.

Wagtail's migrations create the root page 「Root」, the groups 「Moderators」 and 「Editors」,
and a moderation workflow and task both called 「Moderators approval」; the admin shows these
names as data (「Moderators approvalに提出する」 on the editor's publish menu). A name the
office has already changed is left alone; going back restores the English only where the
Japanese name is still ours.
"""

from django.db import migrations

# (app label, model, field, filter, English, Japanese)
RENAMES = [
    ("wagtailcore", "Page", "title", {"depth": 1}, "Root", "ルート"),
    ("wagtailcore", "Page", "draft_title", {"depth": 1}, "Root", "ルート"),
    ("auth", "Group", "name", {}, "Moderators", "承認者"),
    ("auth", "Group", "name", {}, "Editors", "編集者"),
    ("wagtailcore", "Workflow", "name", {}, "Moderators approval", "公開前の承認"),
    ("wagtailcore", "Task", "name", {}, "Moderators approval", "承認者の確認"),
]


def rename(apps, direction):
    for app_label, model_name, field, where, english, japanese in RENAMES:
        old, new = (english, japanese) if direction == "forward" else (japanese, english)
        model = apps.get_model(app_label, model_name)
        model.objects.filter(**where, **{field: old}).update(**{field: new})


def to_japanese(apps, schema_editor):
    rename(apps, "forward")


def to_english(apps, schema_editor):
    rename(apps, "backward")


class Migration(migrations.Migration):
    dependencies = [
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(to_japanese, to_english)]
