"""E-mails of the review: the trainee told of a release, a return or a correction, and a
guest's invitation. Each is a template triplet in the recipient's language, sent by a task."""

from django.utils import translation

from academy.datetimes import format_datetime, with_zone
from academy.links import absolute_reverse
from academy.mail import language_for, send_email
from academy.sanitizer import as_plain_text
from cohorts.review.models import ReviewRelease

RELEASED_EMAIL = "cohorts/review/email/review_released"
RETURNED_EMAIL = "cohorts/review/email/review_returned"
GUEST_EMAIL = "cohorts/review/email/guest_invitation"


def notify_trainee(release_pk):
    release = ReviewRelease.objects.select_related(
        "review__submission__assignment", "review__submission__membership__user"
    ).get(pk=release_pk)
    submission = release.review.submission
    trainee = submission.membership.user
    context = {
        "name": trainee.get_full_name(),
        "assignment": submission.assignment.title,
        "attempt": submission.attempt,
        "is_correction": release.is_correction,
        "points": None if release.points is None else format(release.points.normalize(), "f"),
        "points_possible": release.points_possible,
        "author": release.author_name,
        "revision_request": release.revision_request,
        "feedback": as_plain_text(release.feedback),
        "url": absolute_reverse("coursework:submission_detail", submission.pk),
    }
    template = RETURNED_EMAIL if release.is_returned else RELEASED_EMAIL
    send_email(trainee.email, template, context, user=trainee)


def send_guest_invitation(guest, token):
    user = guest.user
    with translation.override(language_for(user)):
        expires = with_zone(format_datetime(guest.expires_at))
    inviter = guest.invited_by.get_full_name() if guest.invited_by else ""
    send_email(
        user.email,
        GUEST_EMAIL,
        {
            "name": user.get_full_name(),
            "assignment": guest.assignment.title,
            "cohort": guest.assignment.cohort.name,
            "inviter": inviter,
            "criteria": [c.title for c in guest.criteria.all()],
            "trainees": guest.trainees.count(),
            "expires": expires,
            "url": absolute_reverse("review:guest_link", token=token),
        },
        user=user,
    )
