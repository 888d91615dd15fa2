"""An assignment may ask for the trainee's succession plan as it stands that day (a frozen
snapshot, see cohorts/plans). Existing assignments keep asking for typed work or files
(default off), so every row is carried forward unchanged."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("coursework", "0006_announcement"),
    ]

    operations = [
        migrations.AddField(
            model_name="assignment",
            name="asks_for_plan",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "The trainee hands in their succession plan as it stands that day (a "
                    "frozen copy) instead of typed work or files."
                ),
                verbose_name="asks for the succession plan",
            ),
        ),
    ]
