"""People's names get a reading (フリガナ), blank for everyone until someone fills it in."""

from django.db import migrations, models

import academy.readings


class Migration(migrations.Migration):
    dependencies = [
        ("academy", "0002_auditentry_read_only"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="name_reading",
            field=models.CharField(
                blank=True,
                help_text="In katakana or hiragana (フリガナ), e.g. サトウ ケンタ; lists sort by it.",
                max_length=150,
                validators=[academy.readings.validate_reading],
                verbose_name="reading of the name",
            ),
        ),
    ]
