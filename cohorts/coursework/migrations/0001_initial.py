"""Coursework's models enter this app's state on the tables the cohorts app created
(cohorts 0002 and 0003): state only, no table is created or changed.
"""

import django.db.models.deletion
import django.utils.timezone
import modelcluster.fields
from django.conf import settings
from django.db import migrations, models

import academy.fields
import cohorts.uploads.storage


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("cohorts", "0006_coursework_moves_to_its_own_app"),
        ("courses", "0007_lesson_progress"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Rubric",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("title", models.CharField(max_length=200, verbose_name="title")),
                        ("description", models.TextField(blank=True, verbose_name="description")),
                        (
                            "locked_at",
                            models.DateTimeField(
                                blank=True,
                                editable=False,
                                help_text="Set when a released review used this rubric.",
                                null=True,
                                verbose_name="locked at",
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="created at"),
                        ),
                    ],
                    options={
                        "verbose_name": "rubric",
                        "verbose_name_plural": "rubrics",
                        "db_table": "cohorts_rubric",
                        "ordering": ["title", "pk"],
                    },
                ),
                migrations.CreateModel(
                    name="Assignment",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("title", models.CharField(max_length=200, verbose_name="title")),
                        (
                            "brief",
                            academy.fields.SanitizedHTMLField(
                                blank=True,
                                help_text="What the trainee should do (simple HTML allowed).",
                                verbose_name="brief",
                            ),
                        ),
                        (
                            "opens_at",
                            models.DateTimeField(
                                default=django.utils.timezone.now, verbose_name="opens at"
                            ),
                        ),
                        ("due_at", models.DateTimeField(verbose_name="due at")),
                        (
                            "late_policy",
                            models.CharField(
                                choices=[
                                    ("accept", "Accept late work and flag it"),
                                    ("cutoff", "Accept late work until a cut-off date"),
                                    ("refuse", "Refuse work after the due date"),
                                ],
                                default="accept",
                                max_length=10,
                                verbose_name="late work",
                            ),
                        ),
                        (
                            "cutoff_at",
                            models.DateTimeField(
                                blank=True,
                                help_text="Last moment late work is accepted (with the cut-off policy).",
                                null=True,
                                verbose_name="cut-off",
                            ),
                        ),
                        (
                            "points",
                            models.PositiveSmallIntegerField(default=100, verbose_name="points"),
                        ),
                        (
                            "max_attempts",
                            models.PositiveSmallIntegerField(
                                blank=True,
                                default=1,
                                help_text="1 means no resubmission; leave empty for no limit.",
                                null=True,
                                verbose_name="attempts allowed",
                            ),
                        ),
                        (
                            "parts",
                            models.CharField(
                                choices=[
                                    ("text", "Text"),
                                    ("files", "Files"),
                                    ("both", "Text and files"),
                                    ("either", "Text or files"),
                                ],
                                default="either",
                                max_length=10,
                                verbose_name="required parts",
                            ),
                        ),
                        (
                            "file_types",
                            models.JSONField(
                                blank=True,
                                default=list,
                                help_text="Leave empty to accept every allowed type.",
                                verbose_name="accepted file types",
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="created at"),
                        ),
                        (
                            "updated_at",
                            models.DateTimeField(auto_now=True, verbose_name="updated at"),
                        ),
                        (
                            "cohort",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="assignments",
                                to="cohorts.cohort",
                                verbose_name="cohort",
                            ),
                        ),
                        (
                            "created_by",
                            models.ForeignKey(
                                blank=True,
                                editable=False,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="created by",
                            ),
                        ),
                        (
                            "lesson",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="assignments",
                                to="courses.lessonpage",
                                verbose_name="lesson",
                            ),
                        ),
                        (
                            "rubric",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="assignments",
                                to="coursework.rubric",
                                verbose_name="rubric",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "assignment",
                        "verbose_name_plural": "assignments",
                        "db_table": "cohorts_assignment",
                        "ordering": ["due_at", "pk"],
                    },
                ),
                migrations.CreateModel(
                    name="RubricCriterion",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("title", models.CharField(max_length=200, verbose_name="criterion")),
                        ("description", models.TextField(blank=True, verbose_name="description")),
                        (
                            "position",
                            models.PositiveSmallIntegerField(default=0, verbose_name="position"),
                        ),
                        (
                            "rubric",
                            modelcluster.fields.ParentalKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="criteria",
                                to="coursework.rubric",
                                verbose_name="rubric",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "rubric criterion",
                        "verbose_name_plural": "rubric criteria",
                        "db_table": "cohorts_rubriccriterion",
                        "ordering": ["rubric", "position", "pk"],
                    },
                ),
                migrations.CreateModel(
                    name="RubricLevel",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("title", models.CharField(max_length=100, verbose_name="level")),
                        ("description", models.TextField(blank=True, verbose_name="description")),
                        ("points", models.PositiveSmallIntegerField(verbose_name="points")),
                        (
                            "position",
                            models.PositiveSmallIntegerField(default=0, verbose_name="position"),
                        ),
                        (
                            "criterion",
                            modelcluster.fields.ParentalKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="levels",
                                to="coursework.rubriccriterion",
                                verbose_name="criterion",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "rubric level",
                        "verbose_name_plural": "rubric levels",
                        "db_table": "cohorts_rubriclevel",
                        "ordering": ["criterion", "position", "-points", "pk"],
                    },
                ),
                migrations.CreateModel(
                    name="Submission",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("attempt", models.PositiveSmallIntegerField(verbose_name="attempt")),
                        (
                            "text",
                            academy.fields.SanitizedHTMLField(blank=True, verbose_name="text"),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("draft", "Draft"),
                                    ("submitted", "Submitted"),
                                    ("returned", "Returned for revision"),
                                    ("graded", "Graded"),
                                ],
                                default="draft",
                                max_length=10,
                                verbose_name="status",
                            ),
                        ),
                        (
                            "submitted_at",
                            models.DateTimeField(
                                blank=True, null=True, verbose_name="submitted at"
                            ),
                        ),
                        ("is_late", models.BooleanField(default=False, verbose_name="late")),
                        ("submit_key", models.CharField(blank=True, editable=False, max_length=64)),
                        (
                            "created_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="created at"),
                        ),
                        (
                            "updated_at",
                            models.DateTimeField(auto_now=True, verbose_name="updated at"),
                        ),
                        (
                            "assignment",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="submissions",
                                to="coursework.assignment",
                                verbose_name="assignment",
                            ),
                        ),
                        (
                            "membership",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="submissions",
                                to="cohorts.membership",
                                verbose_name="trainee",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "submission",
                        "verbose_name_plural": "submissions",
                        "db_table": "cohorts_submission",
                        "ordering": ["assignment", "membership", "attempt"],
                    },
                ),
                migrations.CreateModel(
                    name="SubmissionFile",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "file",
                            models.FileField(
                                storage=cohorts.uploads.storage.private_storage,
                                upload_to=cohorts.uploads.storage.random_name,
                                verbose_name="file",
                            ),
                        ),
                        (
                            "original_name",
                            models.CharField(max_length=255, verbose_name="file name"),
                        ),
                        ("kind", models.CharField(max_length=10, verbose_name="type")),
                        (
                            "content_type",
                            models.CharField(max_length=120, verbose_name="content type"),
                        ),
                        ("size", models.PositiveBigIntegerField(verbose_name="size")),
                        ("sha256", models.CharField(max_length=64, verbose_name="SHA-256")),
                        (
                            "uploaded_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="uploaded at"),
                        ),
                        (
                            "submission",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="files",
                                to="coursework.submission",
                                verbose_name="submission",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "submission file",
                        "verbose_name_plural": "submission files",
                        "db_table": "cohorts_submissionfile",
                        "ordering": ["submission", "pk"],
                    },
                ),
                migrations.CreateModel(
                    name="Extension",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("due_at", models.DateTimeField(verbose_name="new due date")),
                        ("reason", models.TextField(verbose_name="reason")),
                        (
                            "granted_at",
                            models.DateTimeField(
                                default=django.utils.timezone.now, verbose_name="granted at"
                            ),
                        ),
                        (
                            "assignment",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="extensions",
                                to="coursework.assignment",
                                verbose_name="assignment",
                            ),
                        ),
                        (
                            "granted_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="granted by",
                            ),
                        ),
                        (
                            "membership",
                            models.ForeignKey(
                                limit_choices_to={"role": "trainee"},
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="extensions",
                                to="cohorts.membership",
                                verbose_name="trainee",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "extension",
                        "verbose_name_plural": "extensions",
                        "db_table": "cohorts_extension",
                        "ordering": ["assignment", "membership"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("assignment", "membership"),
                                name="extension_one_per_trainee",
                            )
                        ],
                    },
                ),
                migrations.AddIndex(
                    model_name="assignment",
                    index=models.Index(
                        fields=["cohort", "due_at"], name="assignment_cohort_due_idx"
                    ),
                ),
                migrations.AddIndex(
                    model_name="submission",
                    index=models.Index(
                        fields=["membership", "status"], name="submission_member_status_idx"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="submission",
                    constraint=models.UniqueConstraint(
                        fields=("assignment", "membership", "attempt"),
                        name="submission_one_per_attempt",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="submission",
                    constraint=models.UniqueConstraint(
                        condition=models.Q(("status", "draft")),
                        fields=("assignment", "membership"),
                        name="submission_one_draft",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="submission",
                    constraint=models.UniqueConstraint(
                        condition=models.Q(("submit_key", ""), _negated=True),
                        fields=("membership", "submit_key"),
                        name="submission_idempotent_submit",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="submission",
                    constraint=models.CheckConstraint(
                        condition=models.Q(("attempt__gte", 1)), name="submission_attempt_positive"
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
