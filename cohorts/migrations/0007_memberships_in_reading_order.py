"""Memberships list their people in あいうえお order (reading, else name, then e-mail)."""

from django.db import migrations, models
from django.db.models.functions import Coalesce, Concat, NullIf


class Migration(migrations.Migration):
    dependencies = [
        ("academy", "0003_user_name_reading"),
        ("cohorts", "0006_coursework_moves_to_its_own_app"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="membership",
            options={
                "ordering": [
                    "cohort",
                    "role",
                    models.OrderBy(
                        Coalesce(
                            NullIf(models.F("user__name_reading"), models.Value("")),
                            NullIf(models.F("user__display_name"), models.Value("")),
                            NullIf(
                                Concat(models.F("user__last_name"), models.F("user__first_name")),
                                models.Value(""),
                            ),
                            models.F("user__email"),
                            output_field=models.CharField(),
                        )
                    ),
                    "user__email",
                ],
                "verbose_name": "membership",
                "verbose_name_plural": "memberships",
            },
        ),
    ]
