"""Succession plans: section titles per course, plans with sections, immutable versions,
mentor comments anchored to a version, and snapshots handed in as attempts."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import academy.fields


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("cohorts", "0008_confidential_view_log"),
        ("courses", "0007_lesson_progress"),
        ("coursework", "0007_assignment_asks_for_plan"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Plan",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("company", models.CharField(blank=True, max_length=200, verbose_name="company")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                (
                    "membership",
                    models.OneToOneField(
                        limit_choices_to={"role": "trainee"},
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="plan",
                        to="cohorts.membership",
                        verbose_name="trainee",
                    ),
                ),
            ],
            options={
                "verbose_name": "succession plan",
                "verbose_name_plural": "succession plans",
                "ordering": ["membership"],
            },
        ),
        migrations.CreateModel(
            name="PlanHeading",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="position")),
                (
                    "title",
                    models.CharField(
                        help_text="In Japanese.", max_length=100, verbose_name="title"
                    ),
                ),
                (
                    "title_en",
                    models.CharField(
                        blank=True,
                        help_text="Shown on the English site; leave empty to show the Japanese title.",
                        max_length=100,
                        verbose_name="title in English",
                    ),
                ),
                (
                    "course",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="plan_headings",
                        to="courses.coursepage",
                        verbose_name="course",
                    ),
                ),
            ],
            options={
                "verbose_name": "plan section title",
                "verbose_name_plural": "plan section titles",
                "ordering": ["course", "position", "pk"],
            },
        ),
        migrations.CreateModel(
            name="PlanSection",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "default_key",
                    models.CharField(blank=True, max_length=32, verbose_name="default section"),
                ),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="position")),
                (
                    "heading",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="sections",
                        to="plans.planheading",
                        verbose_name="title",
                    ),
                ),
                (
                    "plan",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="sections",
                        to="plans.plan",
                        verbose_name="succession plan",
                    ),
                ),
            ],
            options={
                "verbose_name": "plan section",
                "verbose_name_plural": "plan sections",
                "ordering": ["plan", "position", "pk"],
            },
        ),
        migrations.CreateModel(
            name="SectionVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("number", models.PositiveIntegerField(verbose_name="version")),
                ("body", academy.fields.SanitizedHTMLField(blank=True, verbose_name="text")),
                ("author_name", models.CharField(max_length=255, verbose_name="author")),
                (
                    "created_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, editable=False, verbose_name="saved at"
                    ),
                ),
                (
                    "author",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="author",
                    ),
                ),
                (
                    "section",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="versions",
                        to="plans.plansection",
                        verbose_name="section",
                    ),
                ),
            ],
            options={
                "verbose_name": "section version",
                "verbose_name_plural": "section versions",
                "ordering": ["section", "number"],
            },
        ),
        migrations.CreateModel(
            name="SectionComment",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("author_name", models.CharField(max_length=255, verbose_name="author")),
                ("body", models.TextField(max_length=5000, verbose_name="comment")),
                (
                    "created_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, editable=False, verbose_name="written at"
                    ),
                ),
                (
                    "resolved_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="resolved at"),
                ),
                (
                    "resolved_by_name",
                    models.CharField(blank=True, max_length=255, verbose_name="resolved by"),
                ),
                (
                    "author",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="author",
                    ),
                ),
                (
                    "resolved_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="resolved by",
                    ),
                ),
                (
                    "section",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="comments",
                        to="plans.plansection",
                        verbose_name="section",
                    ),
                ),
                (
                    "version",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="comments",
                        to="plans.sectionversion",
                        verbose_name="version read",
                    ),
                ),
            ],
            options={
                "verbose_name": "section comment",
                "verbose_name_plural": "section comments",
                "ordering": ["section", "created_at", "pk"],
            },
        ),
        migrations.CreateModel(
            name="PlanSnapshot",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("company", models.CharField(blank=True, max_length=200, verbose_name="company")),
                ("taken_at", models.DateTimeField(verbose_name="taken at")),
                (
                    "plan",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="snapshots",
                        to="plans.plan",
                        verbose_name="succession plan",
                    ),
                ),
                (
                    "submission",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="plan_snapshot",
                        to="coursework.submission",
                        verbose_name="submission",
                    ),
                ),
                (
                    "taken_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="taken by",
                    ),
                ),
                (
                    "versions",
                    models.ManyToManyField(
                        related_name="snapshots", to="plans.sectionversion", verbose_name="versions"
                    ),
                ),
            ],
            options={
                "verbose_name": "plan snapshot",
                "verbose_name_plural": "plan snapshots",
                "ordering": ["plan", "taken_at", "pk"],
            },
        ),
        migrations.AddConstraint(
            model_name="plansection",
            constraint=models.UniqueConstraint(
                condition=models.Q(("heading__isnull", False)),
                fields=("plan", "heading"),
                name="plan_section_one_per_heading",
            ),
        ),
        migrations.AddConstraint(
            model_name="plansection",
            constraint=models.UniqueConstraint(
                condition=models.Q(("default_key", ""), _negated=True),
                fields=("plan", "default_key"),
                name="plan_section_one_per_default",
            ),
        ),
        migrations.AddConstraint(
            model_name="plansection",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("default_key", ""), ("heading__isnull", False)),
                    models.Q(
                        ("heading__isnull", True), models.Q(("default_key", ""), _negated=True)
                    ),
                    _connector="OR",
                ),
                name="plan_section_heading_or_default",
            ),
        ),
        migrations.AddConstraint(
            model_name="sectionversion",
            constraint=models.UniqueConstraint(
                fields=("section", "number"), name="section_version_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="sectionversion",
            constraint=models.CheckConstraint(
                condition=models.Q(("number__gte", 1)), name="section_version_positive"
            ),
        ),
        migrations.AddIndex(
            model_name="sectioncomment",
            index=models.Index(fields=["section", "resolved_at"], name="plan_comment_open_idx"),
        ),
    ]
