"""Assignment.announced_at: when its trainees were told it is open.

Assignments already open before this change count as announced (at their opening), so nobody
gets a late "new assignment" e-mail for work that has been open all along; those opening later
are announced when they open."""

from django.db import migrations, models
from django.db.models import F
from django.utils import timezone


def already_open_counts_as_announced(apps, schema_editor):
    Assignment = apps.get_model("coursework", "Assignment")
    Assignment.objects.filter(opens_at__lte=timezone.now(), announced_at__isnull=True).update(
        announced_at=F("opens_at")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("coursework", "0004_extensions_protect_their_membership"),
    ]

    operations = [
        migrations.AddField(
            model_name="assignment",
            name="announced_at",
            field=models.DateTimeField(
                blank=True,
                editable=False,
                help_text="When its cohort's trainees were told it is open (once, ever).",
                null=True,
                verbose_name="announced at",
            ),
        ),
        migrations.RunPython(already_open_counts_as_announced, migrations.RunPython.noop),
    ]
