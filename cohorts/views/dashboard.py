"""The dashboard every signed-in person lands on; later issues add their panels."""

from django.contrib.auth.decorators import login_required
from django.db.models import F, Prefetch
from django.shortcuts import render
from django.views.decorators.http import require_GET

from academy.navigation import role_of
from cohorts import access
from cohorts.models import Membership


def _trainee_memberships(user):
    return (
        access.own_trainee_memberships(user)
        .select_related("cohort__course")
        .prefetch_related(
            Prefetch(
                "mentors",
                queryset=Membership.objects.active().select_related("user").by_reading(),
                to_attr="active_mentors",
            )
        )
    )


def _mentor_memberships(user):
    return (
        Membership.objects.of(user)
        .mentors()
        .select_related("cohort__course")
        .prefetch_related(
            Prefetch(
                "mentees",
                queryset=Membership.objects.active().select_related("user").by_reading(),
                to_attr="active_mentees",
            )
        )
    )


def _new_feedback(user):
    """Published reviews of user's own attempts not opened yet (the latest version of each)."""
    return list(
        access.own_releases(user)
        .filter(seen_at__isnull=True)
        .exclude(review__releases__number__gt=F("number"))
        .select_related("review__submission__assignment")
        .order_by("-released_at")[:10]
    )


@login_required
@require_GET
def dashboard(request):
    user = request.user
    context = {"role": role_of(user)}
    if access.is_staff(user):
        context["cohorts"] = (
            access.cohorts_visible_to(user)
            .with_counts()
            .select_related("course")
            .order_by("-starts_on", "name")
        )
    context["new_feedback"] = _new_feedback(user)
    context["trainee_memberships"] = _trainee_memberships(user)
    context["mentor_memberships"] = _mentor_memberships(user)
    return render(request, "cohorts/dashboard.html", context)
