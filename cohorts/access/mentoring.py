"""Meeting log (面談記録): who may read and write a trainee's meetings and action items.

- the trainee and their ACTIVE paired mentors (in cohorts where the mentor membership is
  active) read the trainee's meetings, record new ones, edit them and tick action items;
- staff read every meeting (the office oversees the mentoring) but do not write: the record
  is the mentor's and the trainee's, and a correction is asked of them;
- anyone else (another trainee, another mentor, another cohort) meets a 404 for the list,
  a meeting, its form and its action items.

Reading meeting notes as someone other than the trainee is logged by the views
(cohorts.services.confidential.record_view).
"""

from datetime import timedelta

from django.db.models import Max, Q
from django.shortcuts import get_object_or_404

from academy.datetimes import local_date
from cohorts.mentoring.models import DEFAULT_GAP_WEEKS, ActionItem, Meeting, MentoringPolicy
from cohorts.models import Membership

from .people import is_member
from .trainees import for_trainees, trainees_visible_to


def meeting_trainees_for(user, queryset=None):
    """Trainee memberships whose meetings user may read (staff all, a mentor their active
    paired trainees, a trainee their own active membership)."""
    return trainees_visible_to(user, queryset)


def meeting_writers(user):
    """Trainee memberships whose meetings user may record and edit: their own active trainee
    membership, and the active trainees paired with user's active mentor memberships.
    Staff are not writers (unless they are also a member in that role)."""
    if not is_member(user):
        return Membership.objects.none()
    return Membership.objects.trainees().filter(
        Q(pk__in=Membership.objects.of(user).trainees().values("pk"))
        | Q(pk__in=Membership.objects.paired_with(user).values("pk"))
    )


def may_write_meetings(user, membership):
    return meeting_writers(user).filter(pk=membership.pk).exists()


def get_meeting_trainee_or_404(user, pk):
    return get_object_or_404(meeting_trainees_for(user).select_related("user", "cohort"), pk=pk)


def get_writable_trainee_or_404(user, pk):
    return get_object_or_404(meeting_writers(user).select_related("user", "cohort"), pk=pk)


def meetings_visible_to(user, queryset=None):
    queryset = Meeting.objects.all() if queryset is None else queryset
    return for_trainees(user, queryset, "trainee")


MEETING_RELATED = ("trainee__user", "trainee__cohort", "recorded_by", "updated_by")


def get_meeting_or_404(user, pk):
    return get_object_or_404(meetings_visible_to(user).select_related(*MEETING_RELATED), pk=pk)


def get_writable_meeting_or_404(user, pk):
    return get_object_or_404(
        Meeting.objects.filter(trainee__in=meeting_writers(user).values("pk")).select_related(
            *MEETING_RELATED
        ),
        pk=pk,
    )


def get_writable_action_item_or_404(user, pk):
    """An action item of a meeting user may edit (the trainee and their mentors tick items)."""
    return get_object_or_404(
        ActionItem.objects.filter(
            meeting__trainee__in=meeting_writers(user).values("pk")
        ).select_related("meeting__trainee__cohort", "owner__user"),
        pk=pk,
    )


def action_items_visible_to(user, queryset=None):
    queryset = ActionItem.objects.all() if queryset is None else queryset
    return for_trainees(user, queryset, "meeting__trainee")


def open_action_items_of(user, memberships):
    """Open action items of these trainees' meetings that user may see, due first."""
    return (
        action_items_visible_to(user)
        .filter(meeting__trainee__in=[m.pk for m in memberships], done_at__isnull=True)
        .select_related("owner__user", "meeting")
        .order_by("due_on", "meeting__held_at", "pk")
    )


def overdue_action_items_of(user, memberships, today):
    return open_action_items_of(user, memberships).filter(due_on__lt=today)


def feed_action_items_for(user):
    """Open, dated action items user owns (as trainee or mentor), in meetings of trainees
    user may still see: a calendar feed holds only its owner's items."""
    if not is_member(user):
        return ActionItem.objects.none()
    return action_items_visible_to(user).filter(
        owner__user=user,
        owner__is_active=True,
        done_at__isnull=True,
        due_on__isnull=False,
    )


def meeting_gap_weeks(cohort_ids):
    """{cohort_id: weeks} after which a trainee without a meeting is flagged."""
    found = dict(
        MentoringPolicy.objects.filter(cohort_id__in=cohort_ids).values_list(
            "cohort_id", "gap_weeks"
        )
    )
    return {cohort_id: found.get(cohort_id, DEFAULT_GAP_WEEKS) for cohort_id in cohort_ids}


def with_last_meeting(queryset):
    """Trainee memberships annotated with last_met_at (the latest meeting held, else None)."""
    return queryset.annotate(last_met_at=Max("meetings__held_at"))


def unmet_trainees(user, cohorts, now, weeks=None):
    """Staff's today: per cohort id, the active trainees user may see whom no meeting has
    covered for the cohort's gap (or ever, once the cohort has run that long), oldest first.
    Each carries last_met_at and gap_weeks. weeks: meeting_gap_weeks' answer when the caller
    has it. At most two queries, whatever the number of trainees."""
    cohorts = list(cohorts)
    if weeks is None:
        weeks = meeting_gap_weeks([c.pk for c in cohorts])
    found = {c.pk: [] for c in cohorts}
    if not cohorts:
        return found
    trainees = with_last_meeting(
        meeting_trainees_for(user)
        .filter(cohort__in=[c.pk for c in cohorts], is_active=True)
        .select_related("user")
        .by_reading()
    )
    started = {c.pk: c.starts_on for c in cohorts}
    for membership in trainees:
        gap = timedelta(weeks=weeks[membership.cohort_id])
        membership.gap_weeks = weeks[membership.cohort_id]
        last = membership.last_met_at
        if last is None:
            since = started[membership.cohort_id]
            if since is None or local_date(now) - since < gap:
                continue
        elif now - last < gap:
            continue
        found[membership.cohort_id].append(membership)
    for rows in found.values():
        rows.sort(key=lambda m: (m.last_met_at is not None, m.last_met_at))
    return found
