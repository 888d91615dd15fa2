"""Announcement: one trainee told of one open assignment, and when they opened it."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cohorts", "0007_memberships_in_reading_order"),
        ("coursework", "0005_assignment_announced_at"),
    ]

    operations = [
        migrations.CreateModel(
            name="Announcement",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "announced_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="announced at"
                    ),
                ),
                (
                    "opened_at",
                    models.DateTimeField(
                        blank=True, null=True, verbose_name="opened by the trainee at"
                    ),
                ),
                (
                    "assignment",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="announcements",
                        to="coursework.assignment",
                        verbose_name="assignment",
                    ),
                ),
                (
                    "membership",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="announcements",
                        to="cohorts.membership",
                        verbose_name="trainee",
                    ),
                ),
            ],
            options={
                "verbose_name": "assignment announcement",
                "verbose_name_plural": "assignment announcements",
                "ordering": ["-announced_at", "pk"],
                "indexes": [
                    models.Index(
                        fields=["membership", "opened_at"], name="announcement_unopened_idx"
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("assignment", "membership"), name="announcement_once_per_trainee"
                    )
                ],
            },
        ),
    ]
