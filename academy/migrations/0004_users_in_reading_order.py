"""Users list in あいうえお order: by reading, else by name, then by e-mail (no data change)."""

from django.db import migrations, models
from django.db.models.functions import Coalesce, Concat, NullIf


class Migration(migrations.Migration):
    dependencies = [
        ("academy", "0003_user_name_reading"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="user",
            options={
                "ordering": [
                    models.OrderBy(
                        Coalesce(
                            NullIf(models.F("name_reading"), models.Value("")),
                            NullIf(models.F("display_name"), models.Value("")),
                            NullIf(
                                Concat(models.F("last_name"), models.F("first_name")),
                                models.Value(""),
                            ),
                            models.F("email"),
                            output_field=models.CharField(),
                        )
                    ),
                    "email",
                ],
                "verbose_name": "user",
                "verbose_name_plural": "users",
            },
        ),
    ]
