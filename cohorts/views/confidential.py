"""Staff read the confidential view log: who read what about which trainee, and when.

Every feature that shows confidential material (meeting notes, succession plans) logs into
the kernel's one table (cohorts.services.confidential.record_view); this page lists every row
whatever the kind of object, newest first, filterable by trainee, paginated.
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from academy.readings import person_order
from cohorts import access
from cohorts.models import ConfidentialView, Membership

PER_PAGE = 50


@login_required
@require_GET
@access.staff_required
def confidential_views(request):
    trainees = list(
        Membership.objects.trainees()
        .filter(pk__in=ConfidentialView.objects.values("trainee_id"))
        .select_related("user", "cohort")
        .order_by("-cohort__starts_on", "cohort_id", *person_order("user"))
    )
    chosen = next((m for m in trainees if str(m.pk) == request.GET.get("trainee", "")), None)
    rows = ConfidentialView.objects.newest_first().select_related(
        "trainee__user", "trainee__cohort", "content_type"
    )
    if chosen is not None:
        rows = rows.about(chosen)
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "cohorts/confidential_views.html",
        {"rows": page, "trainees": trainees, "chosen": chosen},
    )
