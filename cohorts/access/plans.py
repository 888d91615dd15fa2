"""Succession plans: confidential (family and financial details).

- the trainee reads and edits their own plan (their ACTIVE trainee membership);
- their ACTIVE paired mentors (in a cohort where that mentor membership is active) read it
  and comment on its sections;
- staff read every plan but neither edit nor comment: the plan is the trainee's own
  document, and the office's word goes through the mentors (a school office corrects nobody's
  succession plan);
- other trainees and other mentors: 404 on every URL.

Everything is reached from the trainee membership with `trainees_visible_to`, so a removed
pairing or a deactivated membership removes access on the next request.
"""

from django.shortcuts import get_object_or_404

from cohorts.models import ConfidentialView, Membership
from cohorts.plans.models import PlanSection, PlanSnapshot, SectionComment

from .people import is_member, is_staff
from .trainees import for_trainees, trainees_visible_to

PLAN_MEMBERSHIP = Membership.objects.select_related("user", "cohort__course")


def plan_trainees_visible_to(user, queryset=None):
    """Trainee memberships whose plan user may read (staff all, mentors their paired active
    trainees, a trainee their own active membership)."""
    return trainees_visible_to(user, PLAN_MEMBERSHIP if queryset is None else queryset)


def get_plan_membership_or_404(user, pk):
    """The trainee membership whose plan user may read, or 404."""
    return get_object_or_404(plan_trainees_visible_to(user), pk=pk)


def may_edit_plan(user, membership):
    """Only the trainee writes their plan (in an active membership they hold)."""
    return is_member(user) and membership.user_id == user.pk and membership.is_active


def may_comment_on_plan(user, membership):
    """The trainee's active paired mentors comment (staff read only)."""
    return (
        is_member(user)
        and membership.user_id != user.pk
        and Membership.objects.paired_with(user).filter(pk=membership.pk).exists()
    )


def may_resolve_comment(user, comment, membership):
    """The trainee or the comment's author resolves it (while they may still read the plan)."""
    return is_member(user) and user.pk in (membership.user_id, comment.author_id)


def get_plan_section_or_404(user, pk):
    """A section of a plan user may read, with its plan, trainee and heading joined."""
    return get_object_or_404(
        for_trainees(
            user,
            PlanSection.objects.select_related(
                "heading", "plan__membership__user", "plan__membership__cohort__course"
            ),
            "plan__membership",
        ),
        pk=pk,
    )


def get_section_comment_or_404(user, pk):
    return get_object_or_404(
        for_trainees(
            user,
            SectionComment.objects.select_related(
                "section__plan__membership__user", "section__plan__membership__cohort"
            ),
            "section__plan__membership",
        ),
        pk=pk,
    )


def snapshots_visible_to(user, queryset=None):
    queryset = PlanSnapshot.objects.all() if queryset is None else queryset
    return for_trainees(user, queryset, "plan__membership")


def get_plan_snapshot_or_404(user, pk=None, *, submission_pk=None):
    """A snapshot (by its id, or by the attempt it was handed in as) user may read."""
    lookup = {"pk": pk} if submission_pk is None else {"submission_id": submission_pk}
    return get_object_or_404(
        snapshots_visible_to(
            user,
            PlanSnapshot.objects.select_related(
                "plan__membership__user",
                "plan__membership__cohort__course",
                "submission__assignment",
            ),
        ),
        **lookup,
    )


def plan_readings_visible_to(user, membership):
    """Who read this trainee's confidential material, newest first: staff only."""
    if not is_staff(user):
        return ConfidentialView.objects.none()
    return ConfidentialView.objects.about(membership).newest_first()
