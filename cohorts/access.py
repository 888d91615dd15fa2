"""The access rules: the one module every view, export and feed asks.

Who sees what:
- staff (active, is_staff) see everything;
- a trainee sees their own work, and the lessons of courses they follow through an ACTIVE
  membership in a cohort;
- a mentor sees the active trainees paired with them, only in cohorts where their own mentor
  membership is active, and the lessons of those cohorts' courses;
- anonymous visitors see only public pages.

Rules are queryset filters (so list pages filter in the database) and `*_or_404` helpers that
combine the lookup with the rule, so an object outside your reach is a 404, never a 403.
Deactivating a membership removes access at once (every rule reads `is_active`). A finished
cohort stays readable; `can_add_work` says whether it still takes new work.

Later models reach a trainee through a foreign key to their trainee Membership: filter them
with `filter_by_trainee(user, queryset, "membership")` and fetch one with
`get_for_trainee_or_404(user, queryset, "membership", pk=...)`.
"""

from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Substr
from django.http import Http404
from django.shortcuts import get_object_or_404
from wagtail.models import Page

from .models import Cohort, Membership


def is_staff(user):
    return bool(user is not None and user.is_authenticated and user.is_active and user.is_staff)


def is_member(user):
    """Signed in, active account (not necessarily in any cohort)."""
    return bool(user is not None and user.is_authenticated and user.is_active)


# Lessons and other course content ---------------------------------------------------------


def _following_cohorts(user):
    return Cohort.objects.filter(memberships__user=user, memberships__is_active=True)


def course_pages_visible_to(user, queryset):
    """Filter any page queryset to pages inside (or equal to) a course user follows.

    Uses the page tree's materialised path in the database: a page belongs to a course when
    the course's path is a prefix of the page's path.
    """
    if is_staff(user):
        return queryset
    if not is_member(user):
        return queryset.none()
    enrolled = _following_cohorts(user).filter(
        course__path=Substr(OuterRef("path"), 1, F("course__depth") * Page.steplen)
    )
    return queryset.filter(Exists(enrolled))


def lessons_visible_to(user, queryset):
    """Filter a LessonPage queryset down to what user may read (in the database)."""
    return course_pages_visible_to(user, queryset)


def can_view_lesson(user, lesson):
    if is_staff(user):
        return True
    return lessons_visible_to(user, type(lesson).objects.filter(pk=lesson.pk)).exists()


def get_lesson_or_404(user, lesson):
    if not can_view_lesson(user, lesson):
        raise Http404
    return lesson


def enrolled_courses(user, queryset=None):
    """Course pages user follows through an active membership (staff: all)."""
    from courses.models import CoursePage

    queryset = CoursePage.objects.all() if queryset is None else queryset
    if is_staff(user):
        return queryset
    if not is_member(user):
        return queryset.none()
    return queryset.filter(
        cohorts__memberships__user=user, cohorts__memberships__is_active=True
    ).distinct()


# Cohorts and memberships ------------------------------------------------------------------


def cohorts_visible_to(user, queryset=None):
    queryset = Cohort.objects.all() if queryset is None else queryset
    return queryset.visible_to(user)


def memberships_visible_to(user, queryset=None):
    queryset = Membership.objects.all() if queryset is None else queryset
    return queryset.visible_to(user)


def trainees_visible_to(user, queryset=None):
    """Trainee memberships whose work user may see: staff all, a mentor their active paired
    trainees in cohorts where they mentor, a trainee their own active membership."""
    queryset = Membership.objects.all() if queryset is None else queryset
    return queryset.trainees_visible_to(user)


def get_cohort_or_404(user, **lookup):
    return get_object_or_404(cohorts_visible_to(user), **lookup)


def get_membership_or_404(user, **lookup):
    return get_object_or_404(memberships_visible_to(user), **lookup)


def get_trainee_or_404(user, **lookup):
    """A trainee membership user may see (their own, a paired trainee, or any for staff)."""
    return get_object_or_404(trainees_visible_to(user), **lookup)


def can_see_trainee(user, membership):
    return trainees_visible_to(user).filter(pk=membership.pk).exists()


def is_mentor_of(user, membership):
    """user mentors this trainee membership now (active on both sides)."""
    return Membership.objects.paired_with(user).filter(pk=membership.pk).exists()


def mentored_trainees(user):
    """Active trainee memberships paired with user's active mentor memberships."""
    return Membership.objects.paired_with(user)


# Anything that belongs to a trainee -------------------------------------------------------


def filter_by_trainee(user, queryset, path="membership"):
    """Filter objects that belong to a trainee membership reached through `path`."""
    if is_staff(user):
        return queryset
    if not is_member(user):
        return queryset.none()
    return queryset.filter(**{f"{path}__in": trainees_visible_to(user).values("pk")})


def get_for_trainee_or_404(user, queryset, path="membership", **lookup):
    return get_object_or_404(filter_by_trainee(user, queryset, path), **lookup)


def own_trainee_memberships(user):
    """user's own active trainee memberships (where they do their work)."""
    return Membership.objects.of(user).trainees()


def can_add_work(user, membership):
    """user may hand in new work for this trainee membership: their own, active, and the
    cohort still takes work (planned or running)."""
    return (
        is_member(user)
        and membership.user_id == user.pk
        and membership.is_active
        and membership.is_trainee
        and membership.cohort.accepts_new_work
    )


# =========================================================================================
# Assignments and submissions (issue 6). Appended section: built on the rules above.
# A draft is private to its trainee; submitted attempts follow filter_by_trainee (staff all,
# a mentor their paired trainees in cohorts they mentor, a trainee their own).
# =========================================================================================


def assignments_visible_to(user, queryset=None):
    from .models import Assignment

    queryset = Assignment.objects.all() if queryset is None else queryset
    return queryset.visible_to(user)


def get_assignment_or_404(user, **lookup):
    return get_object_or_404(assignments_visible_to(user), **lookup)


def submissions_visible_to(user, queryset=None):
    """Submissions user may see: their own (drafts too), or others' submitted attempts."""
    from django.db.models import Q

    from .models import Submission

    queryset = Submission.objects.all() if queryset is None else queryset
    visible = filter_by_trainee(user, queryset, "membership")
    if not is_member(user):
        return visible
    return visible.filter(~Q(status=Submission.Status.DRAFT) | Q(membership__user=user))


def get_submission_or_404(user, **lookup):
    return get_object_or_404(submissions_visible_to(user), **lookup)


def submission_files_visible_to(user, queryset=None):
    from .models import Submission, SubmissionFile

    queryset = SubmissionFile.objects.all() if queryset is None else queryset
    return queryset.filter(
        submission__in=submissions_visible_to(user, Submission.objects.all()).values("pk")
    )


def get_submission_file_or_404(user, pk):
    return get_object_or_404(submission_files_visible_to(user).select_related("submission"), pk=pk)


def trainee_membership_for(user, assignment):
    """user's own active trainee membership in the assignment's cohort, or None."""
    return own_trainee_memberships(user).filter(cohort_id=assignment.cohort_id).first()


def can_grant_extension(user, membership):
    """Staff always; a mentor of this trainee when settings.MENTORS_MAY_GRANT_EXTENSIONS."""
    from django.conf import settings

    if is_staff(user):
        return True
    return bool(settings.MENTORS_MAY_GRANT_EXTENSIONS) and is_mentor_of(user, membership)
