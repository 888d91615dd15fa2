"""Coursework: assignments of one's cohorts; attempts and files by the trainee filter.

A draft is private to its trainee; submitted attempts follow `for_trainees` (staff all, a
mentor their paired trainees in cohorts they mentor, a trainee their own).
"""

from django.conf import settings
from django.db.models import Q
from django.shortcuts import get_object_or_404

from cohorts.coursework.models import Announcement, Assignment, Submission, SubmissionFile
from cohorts.models import Membership

from .people import is_member, is_staff
from .trainees import for_trainees, own_trainee_memberships


def assignments_visible_to(user, queryset=None):
    """Staff: all; members: the assignments of cohorts where they hold an active membership."""
    queryset = Assignment.objects.all() if queryset is None else queryset
    if is_staff(user):
        return queryset
    return queryset.filter(cohort__in=Membership.objects.of(user).values("cohort_id"))


def get_assignment_or_404(user, pk, queryset=None):
    return get_object_or_404(assignments_visible_to(user, queryset), pk=pk)


def submissions_visible_to(user, queryset=None):
    """Their own attempts (drafts too), and the submitted attempts of trainees they may see."""
    queryset = Submission.objects.all() if queryset is None else queryset
    visible = for_trainees(user, queryset)
    if not is_member(user):
        return visible
    # Drafts stay private to their trainee, even from staff.
    return visible.filter(~Q(status=Submission.Status.DRAFT) | Q(membership__user=user))


def get_submission_or_404(user, pk, queryset=None):
    return get_object_or_404(submissions_visible_to(user, queryset), pk=pk)


def submission_files_visible_to(user, queryset=None):
    queryset = SubmissionFile.objects.all() if queryset is None else queryset
    return queryset.filter(submission__in=submissions_visible_to(user).values("pk"))


def get_submission_file_or_404(user, pk):
    return get_object_or_404(submission_files_visible_to(user).select_related("submission"), pk=pk)


def get_own_draft_file_or_404(user, pk):
    """A file of user's own draft: the only kind of file anyone may remove."""
    return get_object_or_404(
        SubmissionFile.objects.select_related("submission").filter(
            submission__status=Submission.Status.DRAFT,
            submission__membership__in=own_trainee_memberships(user).values("pk"),
        ),
        pk=pk,
    )


def may_grant_extensions(user):
    """Staff grant extensions; so do mentors, to their own trainees, where the school allows
    it (settings.MENTORS_MAY_GRANT_EXTENSIONS). For rows already filtered to visible trainees."""
    return is_staff(user) or (is_member(user) and bool(settings.MENTORS_MAY_GRANT_EXTENSIONS))


def can_grant_extension(user, membership):
    """user may give this trainee membership a new due date."""
    if is_staff(user):
        return True
    return may_grant_extensions(user) and (
        Membership.objects.paired_with(user).filter(pk=membership.pk).exists()
    )


def new_assignments_of(user):
    """Announcements of assignments to user's own active trainee memberships that they have
    not opened yet (newest first, assignment and cohort joined)."""
    return (
        Announcement.objects.filter(
            membership__in=own_trainee_memberships(user).values("pk"), opened_at__isnull=True
        )
        .select_related("assignment__cohort")
        .order_by("-announced_at", "pk")
    )
