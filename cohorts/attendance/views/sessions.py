"""Sessions on the site: a trainee's list with their own status, a mentor's and staff's."""

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from cohorts import access
from cohorts.attendance.models import Attendance, Session


def _with_own_records(user, sessions):
    """Prefetch user's own record per session (a trainee sees only theirs)."""
    return sessions.prefetch_related(
        Prefetch(
            "attendances",
            queryset=Attendance.objects.filter(
                membership__in=access.own_trainee_memberships(user).values("pk")
            ),
            to_attr="own_records",
        )
    )


def decorate(user, sessions, moment=None):
    """Each session with .own_record, .can_check_in and .can_take_roster for the templates."""
    moment = moment or timezone.now()
    trainee_cohorts = set(access.own_trainee_memberships(user).values_list("cohort_id", flat=True))
    roster_cohorts = (
        set(access.roster_sessions_for(user).values_list("cohort_id", flat=True).distinct())
        if not access.is_staff(user)
        else None
    )
    for session in sessions:
        records = getattr(session, "own_records", [])
        session.own_record = records[0] if records else None
        session.can_check_in = (
            session.cohort_id in trainee_cohorts
            and session.own_record is None
            and session.checkin_is_open(moment)
        )
        session.can_take_roster = roster_cohorts is None or session.cohort_id in roster_cohorts
    return sessions


@login_required
@require_GET
def session_list(request):
    user = request.user
    now = timezone.now()
    visible = _with_own_records(user, access.sessions_visible_to(user).select_related("cohort"))
    upcoming = list(visible.upcoming(now).order_by("starts_at", "pk")[:50])
    past = list(visible.past(now).order_by("-starts_at", "-pk")[:50])
    decorate(user, upcoming + past, now)
    return render(
        request,
        "cohorts/attendance/session_list.html",
        {
            "upcoming": upcoming,
            "past": past,
            "report_cohorts": access.report_cohorts_for(user).order_by("-starts_on", "name"),
        },
    )


@login_required
@require_GET
def session_detail(request, pk):
    user = request.user
    session = access.get_session_or_404(
        user, pk, _with_own_records(user, Session.objects.select_related("cohort", "seminar"))
    )
    decorate(user, [session])
    return render(request, "cohorts/attendance/session_detail.html", {"session": session})
