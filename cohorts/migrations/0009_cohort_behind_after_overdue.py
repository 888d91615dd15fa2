"""Cohort.behind_after_overdue: how many overdue assignments flag a trainee as falling behind
(1, as before, for every existing cohort)."""

import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cohorts", "0008_confidential_view_log"),
    ]

    operations = [
        migrations.AddField(
            model_name="cohort",
            name="behind_after_overdue",
            field=models.PositiveSmallIntegerField(
                default=1,
                help_text="A trainee is flagged as falling behind once this many assignments are past due with nothing handed in (or when their attendance is below the attendance threshold).",
                validators=[django.core.validators.MinValueValidator(1)],
                verbose_name="falling behind from overdue assignments",
            ),
        ),
    ]
