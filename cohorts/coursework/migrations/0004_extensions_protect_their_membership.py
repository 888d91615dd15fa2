"""A membership with an extension can no longer be deleted (the extension and its audit trail
would go with it): PROTECT, enforced by Django, so no table changes."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cohorts", "0006_coursework_moves_to_its_own_app"),
        ("coursework", "0003_rename_tables_in_place"),
    ]

    operations = [
        migrations.AlterField(
            model_name="extension",
            name="membership",
            field=models.ForeignKey(
                limit_choices_to={"role": "trainee"},
                on_delete=django.db.models.deletion.PROTECT,
                related_name="extensions",
                to="cohorts.membership",
                verbose_name="trainee",
            ),
        ),
    ]
