"""The review queue: a mentor's (or staff member's) submitted attempts, oldest waiting first."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cohorts import access
from cohorts.review.services import queue

PER_PAGE = 50


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
@require_GET
def queue_view(request):
    user = request.user
    if not access.may_review(user):
        raise Http404
    cohorts, assignments = queue.filter_choices(user)
    cohort = _int(request.GET.get("cohort"))
    cohort = cohort if cohort in {c.pk for c in cohorts} else None
    assignment = _int(request.GET.get("assignment"))
    assignment = assignment if assignment in {a.pk for a in assignments} else None
    late = request.GET.get("late") == "1"
    state = request.GET.get("state", "waiting")
    if state not in (*queue.STATES, "all", "waiting"):
        state = "waiting"
    base = queue.filtered(user, cohort=cohort, assignment=assignment, late=late)
    page = Paginator(queue.rows(base, state), PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "counts": queue.counts(base),
        "cohorts": cohorts,
        "assignments": [a for a in assignments if not cohort or a.cohort_id == cohort],
        "selected": {"cohort": cohort, "assignment": assignment, "late": late, "state": state},
        "query": query.urlencode(),
        "waiting_states": queue.WAITING,
    }
    return render(request, "cohorts/review/queue.html", context)
