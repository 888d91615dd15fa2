"""Review: who may review which attempt, who reads which feedback, and what a guest sees.

- staff review every submitted attempt;
- a mentor reviews the submitted attempts of the active trainees paired with them (in cohorts
  where their mentor membership is active), and those staff assigned to them;
- a trainee reads only the published versions (ReviewRelease) of reviews of their own
  attempts: never a draft, a private note or another trainee's review;
- a guest evaluator sees only the named trainees' submitted attempts at their one
  assignment, while their invitation is not withdrawn.
Anything else is a 404.
"""

from django.db.models import F, Q
from django.shortcuts import get_object_or_404

from cohorts.coursework.models import Submission, SubmissionFile
from cohorts.models import Membership
from cohorts.review.models import GuestEvaluator, ReviewRelease

from .people import is_member, is_staff
from .trainees import own_trainee_memberships


def reviewer_memberships(user):
    """user's active mentor memberships."""
    return Membership.objects.of(user).mentors()


def may_review(user):
    """Staff, or a mentor somewhere: the queue is theirs to open."""
    return is_staff(user) or (is_member(user) and reviewer_memberships(user).exists())


def reviewable_submissions(user, queryset=None):
    """Submitted attempts user may review (drafts never: they are their trainee's alone)."""
    queryset = Submission.objects.all() if queryset is None else queryset
    queryset = queryset.submitted()
    if is_staff(user):
        return queryset
    if not is_member(user):
        return queryset.none()
    mentors = reviewer_memberships(user)
    return queryset.filter(
        Q(membership__in=Membership.objects.paired_with(user).values("pk"))
        | Q(
            review__assigned_to__in=mentors.values("pk"),
            review__assigned_to__cohort_id=F("membership__cohort_id"),
            membership__is_active=True,
        )
    )


def get_reviewable_submission_or_404(user, pk, queryset=None):
    return get_object_or_404(reviewable_submissions(user, queryset), pk=pk)


def may_release(user, policy):
    """Staff always release; mentors too unless the cohort's policy says staff release."""
    if is_staff(user):
        return True
    return policy is None or not policy.staff_release


def releases_visible_to(user, queryset=None):
    """Published reviews: a trainee their own; reviewers those of attempts they may review."""
    queryset = ReviewRelease.objects.all() if queryset is None else queryset
    if is_staff(user):
        return queryset
    if not is_member(user):
        return queryset.none()
    return queryset.filter(
        Q(review__submission__membership__in=own_trainee_memberships(user).values("pk"))
        | Q(review__submission__in=reviewable_submissions(user).values("pk"))
    )


def own_releases(user, queryset=None):
    """Published reviews of user's own attempts (what their dashboard announces)."""
    queryset = ReviewRelease.objects.all() if queryset is None else queryset
    return queryset.filter(
        review__submission__membership__in=own_trainee_memberships(user).values("pk")
    )


# Guest evaluators -----------------------------------------------------------------------------


def guest_invitations_of(user):
    """user's invitations as a guest evaluator that are not withdrawn."""
    if not is_member(user):
        return GuestEvaluator.objects.none()
    return GuestEvaluator.objects.filter(user=user, revoked_at__isnull=True)


def get_guest_invitation_or_404(user, pk):
    return get_object_or_404(
        guest_invitations_of(user).select_related("assignment__cohort", "assignment__rubric"),
        pk=pk,
    )


def guest_submissions(invitation, queryset=None):
    """The submitted attempts a guest may score: their trainees, their one assignment."""
    queryset = Submission.objects.all() if queryset is None else queryset
    return queryset.submitted().filter(
        assignment_id=invitation.assignment_id,
        membership__in=invitation.trainees.filter(is_active=True).values("pk"),
    )


def get_guest_submission_or_404(invitation, pk, queryset=None):
    return get_object_or_404(guest_submissions(invitation, queryset), pk=pk)


def may_invite_guests(user, assignment):
    """Staff, and the mentors of the assignment's cohort (for their own trainees)."""
    if is_staff(user):
        return True
    return reviewer_memberships(user).filter(cohort_id=assignment.cohort_id).exists()


def guests_visible_to(user, assignment):
    """The guest evaluators of an assignment that user may see and withdraw."""
    queryset = GuestEvaluator.objects.filter(assignment=assignment)
    if is_staff(user):
        return queryset
    if not may_invite_guests(user, assignment):
        return queryset.none()
    return queryset.filter(invited_by=user)


# Files ------------------------------------------------------------------------------------------


def get_review_file_or_404(user, pk):
    """A file of an attempt user may review, or score as a guest."""
    files = SubmissionFile.objects.select_related("submission")
    allowed = Q(submission__in=reviewable_submissions(user).values("pk"))
    for invitation in guest_invitations_of(user):
        allowed |= Q(submission__in=guest_submissions(invitation).values("pk"))
    return get_object_or_404(files.filter(allowed), pk=pk)
