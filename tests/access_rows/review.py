"""Access rows for review: the queue, the review page and its autosave, files, staff pages,
guest evaluators. A mentor opening another mentor's trainee's review gets a 404, like any
object out of reach. Guest evaluators are not a role of the world: their own reach (their
one assignment, their named trainees, their criteria) is tested in tests/review/test_guests.py.
"""

from datetime import timedelta

from django.utils import timezone

from cohorts.review.models import GuestEvaluator
from cohorts.review.services.guests import hash_token
from cohorts.review.services.reviews import Changes, criteria_of, save_review
from tests.factories import AssignmentFactory, RubricFactory, UserFactory, submitted_attempt
from tests.upload_corpus import pdf_bytes, png_bytes

from . import Row, expect

TOKEN = "review-row-token"


def build(world):
    """An assignment with a rubric; trainee's attempt (a PNG and a PDF) has a released review
    by mentor; other_trainee's attempt waits; a guest invited by mentor for trainee."""
    assignment = AssignmentFactory(cohort=world.cohort, rubric=RubricFactory(), points=100)
    reviewed = submitted_attempt(
        assignment,
        world.memberships["trainee"],
        files=[("図.png", png_bytes()), ("計画.pdf", pdf_bytes())],
        key="r1",
    )
    waiting = submitted_attempt(assignment, world.memberships["other_trainee"], key="r2")
    criteria = criteria_of(assignment)
    levels = {c.pk: c.levels.all()[0].pk for c in criteria}
    review = save_review(
        world.users["mentor"],
        reviewed,
        based_on=0,
        changes=Changes(levels=levels, feedback="講評"),
        action="release",
    )
    guest_user = UserFactory(email="w-guest@example.com", display_name="ゲスト 太郎")
    guest_user.set_unusable_password()  # as invite_guest creates them: the link signs in
    guest_user.save(update_fields=["password"])
    guest = GuestEvaluator.objects.create(
        assignment=assignment,
        user=guest_user,
        token_hash=hash_token(TOKEN),
        invited_by=world.users["mentor"],
        expires_at=timezone.now() + timedelta(days=30),
    )
    guest.criteria.set(criteria[:1])
    guest.trainees.set([world.memberships["trainee"]])
    files = {f.kind: f for f in reviewed.files.all()}
    world.objects.update(
        review_assignment=assignment,
        reviewed=reviewed,
        reviewed_version=review.version,
        waiting=waiting,
        review_png=files["png"],
        review_pdf=files["pdf"],
        guest=guest,
        review_criteria=criteria,
    )


REVIEWERS = expect(404, anonymous=302, mentor=200, other_mentor=200, staff=200)
OWN_TRAINEE = expect(404, anonymous=302, mentor=200, staff=200)
STAFF_ONLY = expect(404, anonymous=302, staff=200)


def review_form(w, action="save"):
    data = {"version": w.reviewed_version, "action": action, "feedback": "追記", "adjustment": "0"}
    for criterion in w.review_criteria:
        data[f"criterion_{criterion.pk}"] = criterion.levels.all()[0].pk
    return data


ROWS = [
    Row("review:queue", REVIEWERS),
    Row("review:review_detail", OWN_TRAINEE, kwargs=lambda w: {"pk": w.reviewed.pk}),
    Row(
        "review:review_detail",
        expect(404, anonymous=302, other_mentor=200, staff=200),
        kwargs=lambda w: {"pk": w.waiting.pk},
        label="another mentor's trainee",
    ),
    Row(
        "review:review_detail",
        expect(404, anonymous=302, mentor=302, staff=302),
        kwargs=lambda w: {"pk": w.reviewed.pk},
        method="post",
        data=review_form,
        label="save",
    ),
    Row(
        "review:autosave",
        expect(405, anonymous=302),
        kwargs=lambda w: {"pk": w.reviewed.pk},
        label="GET is refused",
    ),
    Row(
        "review:autosave",
        OWN_TRAINEE,
        kwargs=lambda w: {"pk": w.reviewed.pk},
        method="post",
        data=review_form,
        label="autosave",
    ),
    Row(
        "review:reassign",
        expect(404, anonymous=302, staff=302),
        kwargs=lambda w: {"pk": w.reviewed.pk},
        method="post",
        data=lambda w: {"mentor": w.memberships["other_mentor"].pk, "reason": "担当替え"},
    ),
    Row("review:history", STAFF_ONLY, kwargs=lambda w: {"pk": w.reviewed.pk}),
    Row("review:file", OWN_TRAINEE, kwargs=lambda w: {"pk": w.review_pdf.pk}),
    Row(
        "review:file",
        OWN_TRAINEE,
        kwargs=lambda w: {"pk": w.review_png.pk},
        data=lambda w: {"inline": "1"},
        label="image inline",
    ),
    Row("review:cohort_policy", STAFF_ONLY, kwargs=lambda w: {"pk": w.cohort.pk}),
    Row(
        "review:cohort_policy",
        expect(404, anonymous=302, staff=302),
        kwargs=lambda w: {"pk": w.cohort.pk},
        method="post",
        data=lambda w: {"staff_release": "on"},
        label="save",
    ),
    Row("review:assignment_release", STAFF_ONLY, kwargs=lambda w: {"pk": w.review_assignment.pk}),
    Row(
        "review:assignment_release",
        expect(404, anonymous=302, staff=200),
        kwargs=lambda w: {"pk": w.review_assignment.pk},
        method="post",
        data=lambda w: {},
        label="nothing chosen",
    ),
    Row("review:guest_list", REVIEWERS, kwargs=lambda w: {"pk": w.review_assignment.pk}),
    Row(
        "review:guest_list",
        expect(404, anonymous=302, mentor=302, other_mentor=400, staff=302),
        kwargs=lambda w: {"pk": w.review_assignment.pk},
        method="post",
        data=lambda w: {
            "email": "owner@example.com",
            "name": "現社長 山田",
            "language": "ja",
            "criteria": [w.review_criteria[1].pk],
            "trainees": [w.memberships["trainee"].pk],
        },
        label="invite",
    ),
    Row(
        "review:guest_revoke",
        expect(404, anonymous=302, mentor=302, staff=302),
        kwargs=lambda w: {"pk": w.guest.pk},
        method="post",
    ),
    Row("review:guest_home", expect(404, anonymous=302)),
    Row("review:guest_link", expect(200), kwargs=lambda w: {"token": TOKEN}),
    Row("review:guest_link", expect(404), kwargs=lambda w: {"token": "nope"}, label="unknown"),
    Row(
        "review:guest_score",
        expect(404, anonymous=302),
        kwargs=lambda w: {"guest_pk": w.guest.pk, "pk": w.reviewed.pk},
    ),
]
