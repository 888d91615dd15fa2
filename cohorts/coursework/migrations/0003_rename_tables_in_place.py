"""The coursework tables take their app's name, cohorts_x -> coursework_x, renamed in place
(rows, indexes and constraints kept); reversible."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("coursework", "0002_content_types_follow_the_models"),
    ]

    operations = [
        migrations.AlterModelTable(
            name="assignment",
            table=None,
        ),
        migrations.AlterModelTable(
            name="extension",
            table=None,
        ),
        migrations.AlterModelTable(
            name="rubric",
            table=None,
        ),
        migrations.AlterModelTable(
            name="rubriccriterion",
            table=None,
        ),
        migrations.AlterModelTable(
            name="rubriclevel",
            table=None,
        ),
        migrations.AlterModelTable(
            name="submission",
            table=None,
        ),
        migrations.AlterModelTable(
            name="submissionfile",
            table=None,
        ),
    ]
