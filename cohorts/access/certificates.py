"""Completion, certificates and alumni.

- the completion page of a cohort (rules evaluated, confirm, undo) is staff's;
- a completion and its certificate follow `for_trainees` (a trainee their own, a mentor their
  paired trainees', staff all); only a current (not undone) one can be downloaded;
- alumni are trainees of a finished or archived cohort: they opt in or out of the directory;
- the directory is for signed-in members of the school (staff, or anyone with an active
  membership: trainees, mentors, alumni), never for anonymous visitors;
- the verification page is public and asks nothing here: it shows only what a code proves.
"""

from django.shortcuts import get_object_or_404

from cohorts.certificates.models import AlumniEntry, Completion
from cohorts.models import Cohort, Membership

from .people import is_member, is_staff
from .trainees import for_trainees, own_trainee_memberships

ALUMNI_STATUSES = (Cohort.Status.FINISHED, Cohort.Status.ARCHIVED)


def completion_cohorts_for(user, queryset=None):
    """Cohorts whose completion page user may open: staff every cohort; nobody else."""
    queryset = Cohort.objects.all() if queryset is None else queryset
    return queryset if is_staff(user) else queryset.none()


def get_completion_cohort_or_404(user, pk):
    return get_object_or_404(completion_cohorts_for(user).select_related("course"), pk=pk)


def get_completion_trainee_or_404(user, cohort, pk):
    """A trainee of that cohort whose completion user may confirm (staff)."""
    if not is_staff(user):
        return get_object_or_404(Membership.objects.none(), pk=pk)
    return get_object_or_404(
        Membership.objects.trainees().filter(cohort=cohort).select_related("user", "cohort"),
        pk=pk,
    )


def completions_visible_to(user, queryset=None):
    queryset = Completion.objects.all() if queryset is None else queryset
    return for_trainees(user, queryset)


def get_undoable_completion_or_404(user, pk):
    """A current completion staff may undo."""
    queryset = Completion.objects.current() if is_staff(user) else Completion.objects.none()
    return get_object_or_404(
        queryset.select_related("membership__user", "membership__cohort"), pk=pk
    )


def own_completions(user):
    """user's current completions in their own (active) trainee memberships."""
    return Completion.objects.current().filter(
        membership__in=own_trainee_memberships(user).values("pk")
    )


def get_certificate_or_404(user, pk):
    """A current completion with its certificate made, that user may see."""
    return get_object_or_404(
        completions_visible_to(user, Completion.objects.current())
        .exclude(certificate="")
        .select_related("membership__user", "membership__cohort__course"),
        pk=pk,
    )


def alumni_memberships_of(user):
    """user's own active trainee memberships in a finished or archived cohort."""
    return own_trainee_memberships(user).filter(cohort__status__in=ALUMNI_STATUSES)


def get_alumni_membership_or_404(user, pk):
    return get_object_or_404(alumni_memberships_of(user).select_related("cohort"), pk=pk)


def may_see_alumni_directory(user):
    """Staff, or a signed-in person with an active membership somewhere."""
    return is_staff(user) or (is_member(user) and Membership.objects.of(user).exists())


def alumni_directory_for(user):
    """The directory's entries (of active alumni memberships), or none for outsiders."""
    if not may_see_alumni_directory(user):
        return AlumniEntry.objects.none()
    return AlumniEntry.objects.filter(
        membership__is_active=True,
        membership__role=Membership.Role.TRAINEE,
        membership__cohort__status__in=ALUMNI_STATUSES,
    )
