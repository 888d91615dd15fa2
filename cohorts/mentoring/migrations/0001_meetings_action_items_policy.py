"""The meeting log: meetings, their action items, and each cohort's meeting policy."""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import academy.fields


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        # __first__ (Cohort and Membership exist from it): tests/test_migrations.py builds
        # a database with the kernel unmigrated, where a named migration would not exist.
        ("cohorts", "__first__"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Meeting",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("held_at", models.DateTimeField(verbose_name="date and time")),
                (
                    "mode",
                    models.CharField(
                        choices=[("in_person", "In person"), ("online", "Online")],
                        default="in_person",
                        max_length=10,
                        verbose_name="how",
                    ),
                ),
                (
                    "place",
                    models.CharField(
                        blank=True,
                        help_text="Where you met, or the online tool (for example Zoom).",
                        max_length=200,
                        verbose_name="place",
                    ),
                ),
                ("agenda", models.TextField(verbose_name="agenda")),
                ("notes", academy.fields.SanitizedHTMLField(blank=True, verbose_name="notes")),
                ("decisions", models.TextField(blank=True, verbose_name="decisions")),
                (
                    "next_meeting_on",
                    models.DateField(blank=True, null=True, verbose_name="next meeting"),
                ),
                ("version", models.PositiveIntegerField(default=1, verbose_name="version")),
                ("create_key", models.CharField(blank=True, editable=False, max_length=64)),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                (
                    "recorded_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="recorded by",
                    ),
                ),
                (
                    "trainee",
                    models.ForeignKey(
                        limit_choices_to={"role": "trainee"},
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="meetings",
                        to="cohorts.membership",
                        verbose_name="trainee",
                    ),
                ),
                (
                    "updated_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="last changed by",
                    ),
                ),
            ],
            options={
                "verbose_name": "meeting",
                "verbose_name_plural": "meetings",
                "ordering": ["-held_at", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="ActionItem",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("text", models.CharField(max_length=300, verbose_name="action item")),
                ("due_on", models.DateField(blank=True, null=True, verbose_name="due date")),
                ("done_at", models.DateTimeField(blank=True, null=True, verbose_name="done at")),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="position")),
                (
                    "done_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="done by",
                    ),
                ),
                (
                    "owner",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="owned_action_items",
                        to="cohorts.membership",
                        verbose_name="owner",
                    ),
                ),
                (
                    "meeting",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="action_items",
                        to="mentoring.meeting",
                        verbose_name="meeting",
                    ),
                ),
            ],
            options={
                "verbose_name": "action item",
                "verbose_name_plural": "action items",
                "ordering": ["meeting", "position", "pk"],
            },
        ),
        migrations.CreateModel(
            name="MentoringPolicy",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "gap_weeks",
                    models.PositiveSmallIntegerField(
                        default=6,
                        help_text="A trainee whom no mentor has met for this many weeks is flagged on the office's today page.",
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(52),
                        ],
                        verbose_name="weeks without a meeting",
                    ),
                ),
                (
                    "cohort",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="mentoring_policy",
                        to="cohorts.cohort",
                        verbose_name="cohort",
                    ),
                ),
            ],
            options={
                "verbose_name": "meeting policy",
                "verbose_name_plural": "meeting policies",
            },
        ),
        migrations.AddIndex(
            model_name="meeting",
            index=models.Index(fields=["trainee", "-held_at"], name="meeting_trainee_newest"),
        ),
        migrations.AddConstraint(
            model_name="meeting",
            constraint=models.UniqueConstraint(
                condition=models.Q(("create_key", ""), _negated=True),
                fields=("trainee", "create_key"),
                name="meeting_idempotent_create",
            ),
        ),
        migrations.AddIndex(
            model_name="actionitem",
            index=models.Index(fields=["owner", "done_at"], name="actionitem_owner_open"),
        ),
        migrations.AddConstraint(
            model_name="actionitem",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("done_at__isnull", True), ("done_by__isnull", True)),
                    ("done_at__isnull", False),
                    _connector="OR",
                ),
                name="actionitem_done_by_only_when_done",
            ),
        ),
    ]
