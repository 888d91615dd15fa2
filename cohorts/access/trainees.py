"""The kernel's rules: cohorts, trainee memberships, and the one trainee filter.

Everything a trainee owns (submissions, reviews, attendance, meetings, plans) points at their
trainee Membership; `for_trainees(user, queryset, path)` filters any such queryset down to
what user may see, so every feature reuses this rule instead of writing its own.
"""

from django.db.models import Q

from cohorts.models import Cohort, Membership

from .people import is_member, is_staff


def trainees_visible_to(user, queryset=None):
    """Trainee memberships whose work user may see: staff all; a mentor their active paired
    trainees in cohorts where they mentor; a trainee their own active membership."""
    queryset = Membership.objects.trainees() if queryset is None else queryset.trainees()
    if is_staff(user):
        return queryset
    if not is_member(user):
        return queryset.none()
    return queryset.filter(
        Q(pk__in=Membership.objects.of(user).values("pk"))
        | Q(pk__in=Membership.objects.paired_with(user).values("pk"))
    )


def for_trainees(user, queryset, path="membership"):
    """Filter objects that belong to a trainee membership reached through `path`."""
    if is_staff(user):
        return queryset
    if not is_member(user):
        return queryset.none()
    return queryset.filter(**{f"{path}__in": trainees_visible_to(user).values("pk")})


def own_trainee_memberships(user):
    """user's own active trainee memberships (where they do their work)."""
    return Membership.objects.of(user).trainees()


def own_trainee_membership(user, cohort_id):
    """user's own active trainee membership in that cohort, or None."""
    return own_trainee_memberships(user).filter(cohort_id=cohort_id).first()


def cohorts_visible_to(user, queryset=None):
    """Staff: every cohort; others: the cohorts where they hold an active membership."""
    queryset = Cohort.objects.all() if queryset is None else queryset
    if is_staff(user):
        return queryset
    return queryset.filter(pk__in=Membership.objects.of(user).values("cohort_id"))
