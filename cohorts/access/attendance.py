"""Attendance: sessions of one's cohorts; records by the trainee filter; who takes a roster.

- a session is seen by the members of its cohort (trainees and mentors) and by staff;
- a roster (every trainee of the cohort) is taken by staff and the cohort's active mentors;
- a record follows `for_trainees` (a trainee their own, a mentor their paired trainees);
- a report lists the trainees one may see (a mentor: their own), in a cohort one may report.
"""

from django.shortcuts import get_object_or_404

from cohorts.attendance.models import Attendance, Session
from cohorts.models import Cohort, Membership

from .people import is_member, is_staff
from .trainees import for_trainees, own_trainee_memberships, trainees_visible_to


def _mentor_cohort_ids(user):
    return Membership.objects.of(user).mentors().values("cohort_id")


def sessions_visible_to(user, queryset=None):
    """Staff: all; members: the sessions of cohorts where they hold an active membership."""
    queryset = Session.objects.all() if queryset is None else queryset
    if is_staff(user):
        return queryset
    if not is_member(user):
        return queryset.none()
    return queryset.filter(cohort__in=Membership.objects.of(user).values("cohort_id"))


def get_session_or_404(user, pk, queryset=None):
    return get_object_or_404(sessions_visible_to(user, queryset), pk=pk)


def roster_sessions_for(user, queryset=None):
    """Sessions whose roster user may take: staff all, mentors those of their cohorts."""
    queryset = Session.objects.all() if queryset is None else queryset
    if is_staff(user):
        return queryset
    if not is_member(user):
        return queryset.none()
    return queryset.filter(cohort__in=_mentor_cohort_ids(user))


def get_roster_session_or_404(user, pk, queryset=None):
    return get_object_or_404(roster_sessions_for(user, queryset), pk=pk)


def can_take_roster(user, session):
    return roster_sessions_for(user).filter(pk=session.pk).exists()


def checkin_sessions_for(user, queryset=None):
    """Sessions user may check in to: those of cohorts where they are an active trainee."""
    queryset = Session.objects.all() if queryset is None else queryset
    return queryset.filter(cohort__in=own_trainee_memberships(user).values("cohort_id"))


def attendance_visible_to(user, queryset=None):
    queryset = Attendance.objects.all() if queryset is None else queryset
    return for_trainees(user, queryset)


def report_cohorts_for(user, queryset=None):
    """Cohorts whose attendance report user may open: staff all, mentors their cohorts."""
    queryset = Cohort.objects.all() if queryset is None else queryset
    if is_staff(user):
        return queryset
    if not is_member(user):
        return queryset.none()
    return queryset.filter(pk__in=_mentor_cohort_ids(user))


def get_report_cohort_or_404(user, pk):
    return get_object_or_404(report_cohorts_for(user), pk=pk)


def report_trainees_for(user, cohort):
    """The rows of a cohort's report: staff every trainee, a mentor their paired trainees."""
    return trainees_visible_to(user, Membership.objects.filter(cohort=cohort, is_active=True))
