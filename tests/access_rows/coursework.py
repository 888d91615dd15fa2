"""Access rows for coursework: assignments, submit, attempts, files, extensions, admin."""

from cohorts.coursework.services.submissions import save_draft
from cohorts.uploads.validation import validate_uploads
from tests.factories import (
    AssignmentFactory,
    ExtensionFactory,
    RubricFactory,
    submitted_attempt,
)
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
        extension=ExtensionFactory(assignment=second, membership=world.memberships["trainee"]),
    )


# Who may read the trainee's submitted work: the trainee, their mentor, staff.
OWN_WORK = expect(404, anonymous=302, trainee=200, mentor=200, staff=200)
# A draft: its trainee only.
DRAFT = expect(404, anonymous=302, trainee=200)
COHORT = expect(200, anonymous=302, trainee_other_cohort=404)

ROWS = [
    Row("coursework:assignment_list", SIGNED_IN),
    Row("coursework:assignment_detail", COHORT, kwargs=lambda w: {"pk": w.assignment.pk}),
    Row(
        "coursework:submission_create",
        expect(405, anonymous=302),
        kwargs=lambda w: {"pk": w.assignment.pk},
        label="GET is refused",
    ),
    Row(
        "coursework:submission_create",
        expect(404, anonymous=302, trainee=302, other_trainee=302),
        kwargs=lambda w: {"pk": w.assignment.pk},
        method="post",
        data=lambda w: {"text": "回答", "key": "row", "action": "submit"},
        label="submit",
    ),
    Row(
        "coursework:submission_create",
        expect(404, anonymous=302, trainee=302, other_trainee=302),
        kwargs=lambda w: {"pk": w.second_assignment.pk},
        method="post",
        data=lambda w: {"text": "下書き", "action": "draft"},
        label="save draft",
    ),
    Row("coursework:submission_detail", OWN_WORK, kwargs=lambda w: {"pk": w.submission.pk}),
    Row("coursework:submission_detail", DRAFT, kwargs=lambda w: {"pk": w.draft.pk}, label="draft"),
    Row("coursework:submission_file", OWN_WORK, kwargs=lambda w: {"pk": w.submission_file.pk}),
    Row(
        "coursework:submission_file",
        expect(404, anonymous=302, other_trainee=200, other_mentor=200, staff=200),
        kwargs=lambda w: {"pk": w.others_file.pk},
        label="another trainee's file",
    ),
    Row(
        "coursework:submission_file",
        DRAFT,
        kwargs=lambda w: {"pk": w.draft_file.pk},
        label="draft file",
    ),
    Row(
        "coursework:submission_file_remove",
        expect(405, anonymous=302),
        kwargs=lambda w: {"pk": w.draft_file.pk},
        label="GET is refused",
    ),
    Row(
        "coursework:submission_file_remove",
        expect(404, anonymous=302, trainee=302),
        kwargs=lambda w: {"pk": w.draft_file.pk},
        method="post",
        label="draft file",
    ),
    Row(
        "coursework:submission_file_remove",
        expect(404, anonymous=302),
        kwargs=lambda w: {"pk": w.submission_file.pk},
        method="post",
        label="submitted file",
    ),
    Row(
        "coursework:extension_grant",
        expect(404, anonymous=302, staff=200),
        kwargs=lambda w: {"pk": w.assignment.pk, "membership_pk": w.memberships["trainee"].pk},
        label="form",
    ),
    Row(
        "coursework:extension_grant",
        expect(404, anonymous=302, staff=302),
        kwargs=lambda w: {"pk": w.assignment.pk, "membership_pk": w.memberships["trainee"].pk},
        method="post",
        data=lambda w: {"due_at": "2100-02-01T23:59", "reason": "出張のため"},
        label="grant",
    ),
    Row(
        "coursework:extension_grant",
        expect(404, anonymous=302),
        kwargs=lambda w: {
            "pk": w.assignment.pk,
            "membership_pk": w.memberships["trainee_other_cohort"].pk,
        },
        label="trainee of another cohort",
    ),
    Row("coursework_admin:rubric_copy", STAFF_ADMIN, kwargs=lambda w: {"pk": w.rubric.pk}),
    Row("coursework_rubric:index", STAFF_ADMIN),
    Row(
        "coursework_rubric:delete",
        STAFF_ADMIN,
        kwargs=lambda w: {"pk": w.rubric.pk},
        label="confirmation page",
    ),
    Row("coursework_rubric:index_results", STAFF_ADMIN),
    Row("coursework_extension:index", STAFF_ADMIN),
    Row("coursework_extension:index_results", STAFF_ADMIN),
    Row("coursework_extension:add", STAFF_ADMIN),
    Row("coursework_extension:edit", STAFF_ADMIN, kwargs=lambda w: {"pk": w.extension.pk}),
    Row(
        "coursework_extension:delete",
        STAFF_ADMIN,
        kwargs=lambda w: {"pk": w.extension.pk},
        label="confirmation page",
    ),
    Row("coursework_assignment:index", STAFF_ADMIN),
    Row("coursework_assignment:index_results", STAFF_ADMIN),
    Row("coursework_assignment:add", STAFF_ADMIN),
    Row("coursework_assignment:edit", STAFF_ADMIN, kwargs=lambda w: {"pk": w.assignment.pk}),
    Row(
        "coursework_assignment:delete",
        STAFF_ADMIN,
        kwargs=lambda w: {"pk": w.assignment.pk},
        label="confirmation page",
    ),
]
