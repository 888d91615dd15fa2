"""Coursework (assignments, rubrics, extensions, submissions and files) moves to its own app,
cohorts.coursework (label "coursework"): the models leave the cohorts app's state only.

No table is touched here: coursework's 0001 takes the same tables into its state, 0002 moves
their content types (and with them permissions, audit entries and Wagtail's logs), 0003
renames the tables in place.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("cohorts", "0005_membership_person_label"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveIndex(
                    model_name="assignment",
                    name="assignment_cohort_due_idx",
                ),
                migrations.RemoveConstraint(
                    model_name="extension",
                    name="extension_one_per_trainee",
                ),
                migrations.RemoveField(
                    model_name="rubriccriterion",
                    name="rubric",
                ),
                migrations.RemoveField(
                    model_name="rubriclevel",
                    name="criterion",
                ),
                migrations.RemoveIndex(
                    model_name="submission",
                    name="submission_member_status_idx",
                ),
                migrations.RemoveConstraint(
                    model_name="submission",
                    name="submission_one_per_attempt",
                ),
                migrations.RemoveConstraint(
                    model_name="submission",
                    name="submission_one_draft",
                ),
                migrations.RemoveConstraint(
                    model_name="submission",
                    name="submission_idempotent_submit",
                ),
                migrations.RemoveConstraint(
                    model_name="submission",
                    name="submission_attempt_positive",
                ),
                migrations.RemoveField(
                    model_name="submissionfile",
                    name="submission",
                ),
                migrations.RemoveField(
                    model_name="assignment",
                    name="cohort",
                ),
                migrations.RemoveField(
                    model_name="assignment",
                    name="created_by",
                ),
                migrations.RemoveField(
                    model_name="assignment",
                    name="lesson",
                ),
                migrations.RemoveField(
                    model_name="assignment",
                    name="rubric",
                ),
                migrations.RemoveField(
                    model_name="extension",
                    name="assignment",
                ),
                migrations.RemoveField(
                    model_name="extension",
                    name="granted_by",
                ),
                migrations.RemoveField(
                    model_name="extension",
                    name="membership",
                ),
                migrations.DeleteModel(
                    name="RubricCriterion",
                ),
                migrations.DeleteModel(
                    name="RubricLevel",
                ),
                migrations.RemoveField(
                    model_name="submission",
                    name="assignment",
                ),
                migrations.RemoveField(
                    model_name="submission",
                    name="membership",
                ),
                migrations.DeleteModel(
                    name="SubmissionFile",
                ),
                migrations.DeleteModel(
                    name="Rubric",
                ),
                migrations.DeleteModel(
                    name="Extension",
                ),
                migrations.DeleteModel(
                    name="Assignment",
                ),
                migrations.DeleteModel(
                    name="Submission",
                ),
            ],
            database_operations=[],
        ),
    ]
