"""Calendar feeds: a token answers for its own person only, and only while it exists.

A feed holds what its owner may see as themselves: the sessions of their cohorts, the due
dates of their own assignments (their extensions applied), the seminars they registered for.
"""

from django.apps import apps
from django.db.models import Q
from django.http import Http404

from cohorts.calendar.models import FeedToken
from cohorts.coursework.models import Assignment
from cohorts.models import Membership

from .attendance import sessions_visible_to
from .people import is_member
from .trainees import own_trainee_memberships


def feed_owner_or_404(token):
    """The active person a raw feed token belongs to; revoked or unknown: 404."""
    feed = FeedToken.objects.by_token(token)
    if feed is None or not is_member(feed.user):
        raise Http404
    return feed.user


def feed_sessions_for(user):
    """The sessions of the cohorts where user holds an active membership (staff: theirs too,
    not the whole school's)."""
    return sessions_visible_to(user).filter(
        cohort__in=Membership.objects.of(user).values("cohort_id")
    )


def feed_assignments_for(user):
    """Assignments of the cohorts where user is an active trainee."""
    return Assignment.objects.filter(cohort__in=own_trainee_memberships(user).values("cohort_id"))


def feed_registrations_for(user):
    """user's confirmed seminar seats (made signed in, or with their e-mail address)."""
    registration = apps.get_model("courses", "SeminarRegistration")
    return (
        registration.objects.filter(status="confirmed")
        .filter(Q(user=user) | Q(email__iexact=user.email))
        .filter(seminar__live=True, seminar__starts_at__isnull=False)
    )
