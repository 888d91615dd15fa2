"""Assignments on the site: the list of a person's assignments and one assignment's page."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from academy.sanitizer import as_plain_text
from cohorts import access
from cohorts.coursework.forms import SubmissionForm
from cohorts.coursework.models import (
    Assignment,
    Extension,
    RubricCriterion,
    RubricLevel,
    Submission,
)
from cohorts.coursework.services.announcements import mark_opened
from cohorts.coursework.services.submissions import attempts_of, refusal_for, state_of

ASSIGNMENT_PAGE = Assignment.objects.select_related("cohort", "lesson", "rubric")


def get_assignment_or_404(user, pk):
    """The assignment as its pages show it (cohort, lesson and rubric joined)."""
    return access.get_assignment_or_404(user, pk, ASSIGNMENT_PAGE)


def _rubric_criteria(assignment):
    if assignment.rubric_id is None:
        return []
    return list(
        RubricCriterion.objects.filter(rubric_id=assignment.rubric_id).prefetch_related(
            Prefetch("levels", queryset=RubricLevel.objects.order_by("position", "-points"))
        )
    )


def trainee_context(assignment, membership, now=None):
    """What a trainee's assignment page shows: their due date, attempts, state, and whether
    they may work now (if not, why)."""
    now = now or timezone.now()
    attempts = attempts_of(assignment, membership)
    latest_feedback(membership.user, attempts)
    refusal = refusal_for(assignment, membership, attempts, now)
    return {
        "membership": membership,
        "attempts": attempts,
        "draft": next((a for a in attempts if a.is_draft), None),
        "state": state_of(attempts),
        "due": assignment.due_for(membership),
        "extension": assignment.extension_for(membership),
        "closes": assignment.closes_for(membership),
        "is_late_now": assignment.is_late(membership, now),
        "refusal": refusal,
        "can_work": refusal is None,
        "last_attempt": is_last_attempt(assignment, attempts),
    }


def latest_feedback(user, attempts):
    """Give each attempt `.feedback`: the latest published review user may read, or None."""
    published = {}
    for release in (
        access.releases_visible_to(user)
        .filter(review__submission__in=[a.pk for a in attempts if not a.is_draft])
        .select_related("review")
        .order_by("number")
    ):
        published[release.review.submission_id] = release
    for attempt in attempts:
        attempt.feedback = published.get(attempt.pk)
    return attempts


def is_last_attempt(assignment, attempts):
    """Whether the next submission uses the trainee's last allowed attempt."""
    submitted = sum(1 for attempt in attempts if not attempt.is_draft)
    return bool(assignment.max_attempts) and submitted + 1 == assignment.max_attempts


def render_assignment(
    request, assignment, form=None, status=200, refusal=None, confirm_final=False
):
    """The assignment page; the submit view re-renders it with a bound form on bad input,
    or (confirm_final) asks to confirm the submission of the last attempt."""
    user = request.user
    context = {
        "assignment": assignment,
        "criteria": _rubric_criteria(assignment),
        "max_files": settings.SUBMISSION_MAX_FILES,
        "max_file_bytes": settings.SUBMISSION_MAX_FILE_BYTES,
    }
    if access.is_staff(user):
        context["edit_url"] = reverse("coursework_assignment:edit", args=[assignment.pk])
    membership = access.own_trainee_membership(user, assignment.cohort_id)
    if membership is not None:
        mark_opened(assignment, membership)  # no longer "new" on their dashboard
        context.update(trainee_context(assignment, membership))
        if refusal:
            context["post_refusal"] = refusal
        context["confirm_final"] = confirm_final and context["can_work"]
        if context["can_work"]:
            draft = context["draft"]
            context["form"] = form or SubmissionForm(
                assignment=assignment, initial={"text": as_plain_text(draft.text) if draft else ""}
            )
    else:
        context.update(trainee_listing(user, assignment, request.GET))
    return render(request, "cohorts/coursework/assignment_detail.html", context, status=status)


TRAINEES_PER_PAGE = 25
ASSIGNMENTS_PER_PAGE = 20
TRAINEE_FILTERS = ("not_started", "handed_in")


def _page_number(params):
    try:
        return max(int(params.get("page", 1)), 1)
    except (TypeError, ValueError):
        return 1


def _page_of(queryset, params, per_page):
    """One page of queryset (a count and a slice: two queries whatever its size)."""
    paginator = Paginator(queryset, per_page)
    return paginator.get_page(_page_number(params))


def trainee_listing(user, assignment, params):
    """For a mentor or staff: a summary of the cohort's trainees they may see, then one page of
    them (name search, not started / handed in), each with their visible attempts and
    extension. A fixed number of queries whatever the size of the cohort."""
    trainees = access.trainees_visible_to(user).filter(cohort_id=assignment.cohort_id)
    handed_in = Submission.objects.filter(assignment=assignment, membership=OuterRef("pk")).exclude(
        status=Submission.Status.DRAFT
    )
    summary = trainees.aggregate(total=Count("pk"), handed_in=Count("pk", filter=Exists(handed_in)))
    query = (params.get("q") or "").strip()[:100]
    state = params.get("state") if params.get("state") in TRAINEE_FILTERS else ""
    listed = trainees
    if query:
        listed = listed.filter(
            Q(user__display_name__icontains=query)
            | Q(user__name_reading__icontains=query)
            | Q(user__email__icontains=query)
        )
    if state == "handed_in":
        listed = listed.filter(Exists(handed_in))
    elif state == "not_started":
        listed = listed.exclude(Exists(handed_in))
    page = _page_of(
        listed.select_related("user").by_reading(),
        params,
        TRAINEES_PER_PAGE,
    )
    memberships = list(page.object_list)
    attempts = {}
    for submission in (
        access.submissions_visible_to(user)
        .filter(assignment=assignment, membership__in=memberships)
        .prefetch_related("files")
        .order_by("attempt")
    ):
        attempts.setdefault(submission.membership_id, []).append(submission)
    extensions = {
        e.membership_id: e for e in assignment.extensions.filter(membership__in=memberships)
    }
    may_extend = access.may_grant_extensions(user)
    rows = [
        {
            "membership": membership,
            "attempts": attempts.get(membership.pk, []),
            "extension": extensions.get(membership.pk),
            "may_extend": may_extend,
        }
        for membership in memberships
    ]
    return {
        "trainee_rows": rows,
        "trainee_page": page,
        "trainee_summary": summary,
        "trainee_filter": {"q": query, "state": state},
        "trainee_filter_query": _query_without_page(params),
    }


def _query_without_page(params):
    kept = params.copy()
    kept.pop("page", None)
    return kept.urlencode()


@login_required
@require_GET
def assignment_list(request):
    """The assignments a person may see, a page at a time, optionally of one cohort."""
    visible = access.assignments_visible_to(request.user, ASSIGNMENT_PAGE)
    cohorts = list(access.cohorts_visible_to(request.user).order_by("-starts_on", "name"))
    cohort_id = request.GET.get("cohort", "")
    if cohort_id and cohort_id in {str(cohort.pk) for cohort in cohorts}:
        visible = visible.filter(cohort_id=cohort_id)
    else:
        cohort_id = ""
    page = _page_of(visible.order_by("due_at", "pk"), request.GET, ASSIGNMENTS_PER_PAGE)
    assignments = list(page.object_list)
    own = {m.cohort_id: m for m in access.own_trainee_memberships(request.user)}
    latest, extended = {}, {}
    if own and assignments:
        for submission in Submission.objects.filter(
            membership__in=list(own.values()), assignment__in=assignments
        ).order_by("attempt"):
            latest[submission.assignment_id] = submission
        extended = dict(
            Extension.objects.filter(
                membership__in=list(own.values()), assignment__in=assignments
            ).values_list("assignment_id", "due_at")
        )
    rows = [
        {
            "assignment": a,
            "is_trainee": a.cohort_id in own,
            "latest": latest.get(a.pk),
            # A trainee sees their own due date: their extension wins over the assignment's.
            "due": extended.get(a.pk, a.due_at),
            "is_extended": a.pk in extended,
        }
        for a in assignments
    ]
    context = {
        "rows": rows,
        "page_obj": page,
        "cohorts": cohorts if len(cohorts) > 1 else [],
        "cohort_id": cohort_id,
        "filter_query": _query_without_page(request.GET),
    }
    if access.is_staff(request.user):
        context["create_url"] = reverse("coursework_assignment:add")
    return render(request, "cohorts/coursework/assignment_list.html", context)


@login_required
@require_GET
def assignment_detail(request, pk):
    return render_assignment(request, get_assignment_or_404(request.user, pk))
