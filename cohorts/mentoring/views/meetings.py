"""The meeting log on the site: a trainee's meetings, one meeting, and the record/edit form.

The trainee and their active paired mentors record and edit; staff read; anyone else gets a
404. Showing notes to anyone but the trainee leaves a row in the confidential view log.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from academy.datetimes import local_date
from academy.readings import person_order
from cohorts import access
from cohorts.mentoring.forms import ActionItemFormSet, MeetingForm, items_initial
from cohorts.mentoring.models import ActionItem, Meeting
from cohorts.mentoring.services.meetings import (
    MeetingConflict,
    MeetingRefused,
    owner_choices,
    record_meeting,
    update_meeting,
)
from cohorts.services.confidential import record_view

ITEMS = Prefetch(
    "action_items",
    queryset=ActionItem.objects.select_related("owner__user", "done_by").order_by("position", "pk"),
)
PREFIX = "items"


@login_required
@require_GET
def meeting_index(request):
    """Whose meetings one may open: a trainee goes straight to their own; mentors and staff
    see their trainees with the date of the last meeting."""
    user = request.user
    trainees = list(
        access.with_last_meeting(access.meeting_trainees_for(user).filter(is_active=True))
        .select_related("user", "cohort")
        .order_by("-cohort__starts_on", "cohort_id", *person_order("user"))
    )
    own = [m for m in trainees if m.user_id == user.pk]
    if own and len(trainees) == 1:
        return redirect("mentoring:meeting_list", pk=own[0].pk)
    cohorts = {}
    for membership in trainees:
        cohorts.setdefault(membership.cohort, []).append(membership)
    return render(
        request,
        "cohorts/mentoring/meeting_index.html",
        {"cohorts": list(cohorts.items()), "today": local_date(timezone.now())},
    )


@login_required
@require_GET
def meeting_list(request, pk):
    trainee = access.get_meeting_trainee_or_404(request.user, pk)
    meetings = list(
        access.meetings_visible_to(request.user)
        .of(trainee)
        .select_related("recorded_by")
        .prefetch_related(ITEMS)
        .newest_first()
    )
    open_items = [item for meeting in meetings for item in meeting.action_items.all()]
    open_items = sorted(
        (item for item in open_items if not item.is_done),
        key=lambda item: (item.due_on is None, item.due_on or local_date(timezone.now()), item.pk),
    )
    return render(
        request,
        "cohorts/mentoring/meeting_list.html",
        {
            "trainee": trainee,
            "meetings": meetings,
            "open_items": open_items,
            "today": local_date(timezone.now()),
            "may_write": _may_write(request.user, trainee),
            "is_self": trainee.user_id == request.user.pk,
            "is_staff": access.is_staff(request.user),
        },
    )


def _may_write(user, trainee):
    return not trainee.cohort.is_archived and access.may_write_meetings(user, trainee)


@login_required
@require_GET
def meeting_detail(request, pk):
    meeting = access.get_meeting_or_404(request.user, pk)
    items = list(
        ActionItem.objects.filter(meeting=meeting)
        .select_related("owner__user", "done_by")
        .order_by("position", "pk")
    )
    record_view(viewer=request.user, trainee=meeting.trainee, obj=meeting, path=request.path)
    return render(
        request,
        "cohorts/mentoring/meeting_detail.html",
        {
            "meeting": meeting,
            "trainee": meeting.trainee,
            "items": items,
            "today": local_date(timezone.now()),
            "may_write": _may_write(request.user, meeting.trainee),
        },
    )


def _forms(trainee, data=None, meeting=None):
    owners = owner_choices(trainee)
    if meeting is None and data is None:  # a new record: this hour, today
        hour = timezone.localtime().replace(minute=0, second=0, microsecond=0)
        form = MeetingForm(initial={"held_at": hour})
    else:
        form = MeetingForm(data, meeting=meeting)
    formset = ActionItemFormSet(
        data,
        prefix=PREFIX,
        owners=owners,
        initial=items_initial(meeting) if meeting is not None and data is None else None,
    )
    return form, formset


def _put_back(refused, form, formset):
    """A service's refusal, on the fields the person typed into."""
    for name, message in refused.errors.items():
        form.add_error(name if name in form.fields else None, message)
    indexes = formset.row_indexes()
    for row, errors in refused.item_errors.items():
        target = formset.forms[indexes[row]]
        for name, message in errors.items():
            target.add_error(name if name in target.fields else None, message)
    if not refused.errors and not refused.item_errors:
        form.add_error(None, refused.message)


def _page(request, trainee, form, formset, *, meeting=None, status=200, **extra):
    context = {
        "trainee": trainee,
        "meeting": meeting,
        "form": form,
        "formset": formset,
        **extra,
    }
    return render(request, "cohorts/mentoring/meeting_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request, pk):
    trainee = access.get_writable_trainee_or_404(request.user, pk)
    if trainee.cohort.is_archived:
        messages.error(request, trainee.cohort.ARCHIVED_MESSAGE)
        return redirect("mentoring:meeting_list", pk=trainee.pk)
    if request.method != "POST":
        form, formset = _forms(trainee)
        return _page(request, trainee, form, formset)
    form, formset = _forms(trainee, request.POST)
    if not (form.is_valid() and formset.is_valid()):
        return _page(request, trainee, form, formset, status=400)
    try:
        meeting = record_meeting(
            request.user,
            trainee,
            form.changes(formset.rows()),
            key=form.cleaned_data.get("key") or "",
        )
    except MeetingRefused as refused:
        _put_back(refused, form, formset)
        return _page(request, trainee, form, formset, status=400)
    messages.success(request, _("The meeting is recorded."))
    return redirect("mentoring:meeting_detail", pk=meeting.pk)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk):
    meeting = access.get_writable_meeting_or_404(request.user, pk)
    trainee = meeting.trainee
    if trainee.cohort.is_archived:
        messages.error(request, trainee.cohort.ARCHIVED_MESSAGE)
        return redirect("mentoring:meeting_detail", pk=meeting.pk)
    if request.method != "POST":
        record_view(viewer=request.user, trainee=trainee, obj=meeting, path=request.path)
        form, formset = _forms(trainee, meeting=meeting)
        return _page(request, trainee, form, formset, meeting=meeting)
    form, formset = _forms(trainee, request.POST, meeting=meeting)
    if not (form.is_valid() and formset.is_valid()):
        return _page(request, trainee, form, formset, meeting=meeting, status=400)
    try:
        saved = update_meeting(
            request.user,
            meeting,
            based_on=form.cleaned_data.get("version") or 0,
            changes=form.changes(formset.rows()),
        )
    except MeetingConflict as conflict:
        return _conflict_page(request, trainee, meeting, conflict)
    except MeetingRefused as refused:
        _put_back(refused, form, formset)
        return _page(request, trainee, form, formset, meeting=meeting, status=400)
    messages.success(request, _("Your changes to the meeting are saved."))
    return redirect("mentoring:meeting_detail", pk=saved.pk)


def _conflict_page(request, trainee, meeting, conflict):
    """The form as typed (nothing lost), now based on the current version, beside what the
    other person saved."""
    data = request.POST.copy()
    data["version"] = str(conflict.meeting.version)
    form, formset = _forms(trainee, data, meeting=meeting)
    form.is_valid()
    formset.is_valid()
    theirs = Meeting.objects.prefetch_related(ITEMS).get(pk=conflict.meeting.pk)
    return _page(
        request,
        trainee,
        form,
        formset,
        meeting=meeting,
        status=409,
        conflict=conflict,
        theirs=theirs,
    )
