"""The header's "Courses" link: to the course one follows (asked only when clicked)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_GET

from cohorts import access


@login_required
@require_GET
def my_course(request):
    """A member's course page (the latest cohort's); staff the first course."""
    cohort = (
        access.cohorts_visible_to(request.user)
        .select_related("course")
        .order_by("-starts_on", "-pk")
        .first()
    )
    if cohort is None or not cohort.course.live:
        raise Http404
    return redirect(cohort.course.url)
