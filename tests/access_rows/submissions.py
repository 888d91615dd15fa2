"""Access rows for assignments and submissions (issue 6): pages, submit, attempts, files."""

from cohorts.submission_services import save_draft
from cohorts.uploads.validation import validate_uploads
from tests.factories import AssignmentFactory, RubricFactory, submitted_attempt
from tests.upload_corpus import pdf_bytes, upload

from . import SIGNED_IN, STAFF_ADMIN, Row, expect


def build(world):
    """An assignment of the cohort; trainee has a submitted attempt (with a file) and a draft
    of a second assignment (with a file); other_trainee has a submitted attempt."""
    trainee = world.memberships["trainee"]
    assignment = AssignmentFactory(cohort=world.cohort, rubric=RubricFactory())
    second = AssignmentFactory(cohort=world.cohort)
    submission = submitted_attempt(
        assignment, trainee, files=[("事業計画書.pdf", pdf_bytes())], key="w1"
    )
    draft = save_draft(
        second, trainee, text="下書き", files=validate_uploads([upload("下書き.pdf", pdf_bytes())])
    )
    others = submitted_attempt(
        assignment, world.memberships["other_trainee"], files=[("他人.pdf", pdf_bytes())], key="w2"
    )
    world.objects.update(
        assignment=assignment,
        second_assignment=second,
        submission=submission,
        submission_file=submission.files.get(),
        draft=draft,
        draft_file=draft.files.get(),
        others_file=others.files.get(),
        rubric=assignment.rubric,
    )


# Who may read the trainee's submitted work: the trainee, their mentor, staff.
OWN_WORK = expect(404, anonymous=302, trainee=200, mentor=200, staff=200)
# A draft: its trainee only.
DRAFT = expect(404, anonymous=302, trainee=200)
COHORT = expect(200, anonymous=302, trainee_other_cohort=404)

ROWS = [
    Row("assignment_list", SIGNED_IN),
    Row("assignment_detail", COHORT, kwargs=lambda w: {"pk": w.assignment.pk}),
    Row(
        "submission_create",
        expect(405, anonymous=302),
        kwargs=lambda w: {"pk": w.assignment.pk},
        label="GET is refused",
    ),
    Row(
        "submission_create",
        expect(404, anonymous=302, trainee=302, other_trainee=302),
        kwargs=lambda w: {"pk": w.assignment.pk},
        method="post",
        data=lambda w: {"text": "回答", "key": "row", "action": "submit"},
        label="submit",
    ),
    Row(
        "submission_create",
        expect(404, anonymous=302, trainee=302, other_trainee=302),
        kwargs=lambda w: {"pk": w.second_assignment.pk},
        method="post",
        data=lambda w: {"text": "下書き", "action": "draft"},
        label="save draft",
    ),
    Row("submission_detail", OWN_WORK, kwargs=lambda w: {"pk": w.submission.pk}),
    Row("submission_detail", DRAFT, kwargs=lambda w: {"pk": w.draft.pk}, label="draft"),
    Row("submission_file", OWN_WORK, kwargs=lambda w: {"pk": w.submission_file.pk}),
    Row(
        "submission_file",
        expect(404, anonymous=302, other_trainee=200, other_mentor=200, staff=200),
        kwargs=lambda w: {"pk": w.others_file.pk},
        label="another trainee's file",
    ),
    Row("submission_file", DRAFT, kwargs=lambda w: {"pk": w.draft_file.pk}, label="draft file"),
    Row(
        "submission_file_remove",
        expect(405, anonymous=302),
        kwargs=lambda w: {"pk": w.draft_file.pk},
        label="GET is refused",
    ),
    Row(
        "submission_file_remove",
        expect(404, anonymous=302, trainee=302),
        kwargs=lambda w: {"pk": w.draft_file.pk},
        method="post",
        label="draft file",
    ),
    Row(
        "submission_file_remove",
        expect(404, anonymous=302),
        kwargs=lambda w: {"pk": w.submission_file.pk},
        method="post",
        label="submitted file",
    ),
    Row(
        "extension_grant",
        expect(404, anonymous=302, staff=200),
        kwargs=lambda w: {"pk": w.assignment.pk, "membership_pk": w.memberships["trainee"].pk},
        label="form",
    ),
    Row(
        "extension_grant",
        expect(404, anonymous=302, staff=302),
        kwargs=lambda w: {"pk": w.assignment.pk, "membership_pk": w.memberships["trainee"].pk},
        method="post",
        data=lambda w: {"due_at": "2100-02-01T23:59", "reason": "出張のため"},
        label="grant",
    ),
    Row(
        "extension_grant",
        expect(404, anonymous=302),
        kwargs=lambda w: {
            "pk": w.assignment.pk,
            "membership_pk": w.memberships["trainee_other_cohort"].pk,
        },
        label="trainee of another cohort",
    ),
    Row("assignment_create", expect(404, anonymous=302, staff=200)),
    Row(
        "assignment_create",
        expect(404, anonymous=302, staff=400),
        method="post",
        data=lambda w: {"title": ""},
        label="bad input",
    ),
    Row(
        "assignment_edit",
        expect(404, anonymous=302, staff=200),
        kwargs=lambda w: {"pk": w.assignment.pk},
    ),
    Row("cohorts_rubric_copy", STAFF_ADMIN, kwargs=lambda w: {"pk": w.rubric.pk}),
    Row("cohorts_rubric:index", STAFF_ADMIN),
    Row("cohorts_rubric:index_results", STAFF_ADMIN),
    Row("cohorts_extension:add", STAFF_ADMIN),
]
