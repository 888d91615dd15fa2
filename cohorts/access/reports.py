"""Reports: dashboards, the per-trainee page and the gradebook read the other apps here.

- a trainee reads their own progress (lessons done, their attempts, their attendance);
- a mentor opens the per-trainee page and the gradebook rows of the active trainees paired
  with them, in cohorts where they mentor; staff every trainee of every cohort;
- anyone else (a trainee asking for a trainee page, another cohort's mentor) meets a 404.

Lesson progress lives in the courses app, which the cohorts package never imports: its model
is looked up by label (like the calendar's seminar registrations).
"""

from django.apps import apps
from django.db.models import Count, Exists, F, OuterRef, Q
from django.shortcuts import get_object_or_404

from cohorts.attendance.models import AttendancePolicy
from cohorts.attendance.models.policy import DEFAULT_THRESHOLD
from cohorts.coursework.models import Extension, Submission
from cohorts.models import Cohort, Membership
from cohorts.review.models import ReviewRelease

from .people import is_member, is_staff


def mentored_trainees(user, queryset=None):
    """Trainee memberships whose report user may open: staff all, a mentor their paired
    active trainees (in cohorts where they mentor); a trainee none (their dashboard is theirs)."""
    queryset = Membership.objects.trainees() if queryset is None else queryset.trainees()
    if is_staff(user):
        return queryset
    if not is_member(user):
        return queryset.none()
    return queryset.filter(pk__in=Membership.objects.paired_with(user).values("pk"))


def get_mentored_trainee_or_404(user, pk):
    return get_object_or_404(
        mentored_trainees(user).select_related("user", "cohort__course"), pk=pk
    )


def gradebook_cohorts_for(user, queryset=None):
    """Cohorts whose gradebook user may open: staff all, mentors the cohorts they mentor."""
    queryset = Cohort.objects.all() if queryset is None else queryset
    if is_staff(user):
        return queryset
    if not is_member(user):
        return queryset.none()
    return queryset.filter(pk__in=Membership.objects.of(user).mentors().values("cohort_id"))


def get_gradebook_cohort_or_404(user, pk):
    return get_object_or_404(gradebook_cohorts_for(user).select_related("course"), pk=pk)


def may_open_reports(user):
    """Staff, or a mentor somewhere: the gradebook and reports are theirs to open."""
    return is_staff(user) or (is_member(user) and Membership.objects.of(user).mentors().exists())


def lessons_of_courses(course_paths):
    """The live lessons inside the courses with these tree paths, in the tree's order."""
    if not course_paths:
        return []
    lesson_model = apps.get_model("courses", "LessonPage")
    match = Q()
    for path in course_paths:
        match |= Q(path__startswith=path)
    return list(lesson_model.objects.live().filter(match).order_by("path"))


def modules_of_courses(course_paths):
    """The live modules inside these courses, in the tree's order."""
    if not course_paths:
        return []
    module_model = apps.get_model("courses", "ModulePage")
    match = Q()
    for path in course_paths:
        match |= Q(path__startswith=path)
    return list(module_model.objects.live().filter(match).order_by("path"))


def lessons_done_by(memberships):
    """{user_id: set(lesson ids)} for the people of these (already permitted) memberships."""
    progress_model = apps.get_model("courses", "LessonProgress")
    done = {}
    for user_id, lesson_id in progress_model.objects.filter(
        user__in=[m.user_id for m in memberships]
    ).values_list("user_id", "lesson_id"):
        done.setdefault(user_id, set()).add(lesson_id)
    return done


def attendance_thresholds(cohort_ids):
    """{cohort_id: threshold %} below which a trainee's attendance is flagged (the attendance
    app's per-cohort policy, else its default)."""
    found = dict(
        AttendancePolicy.objects.filter(cohort_id__in=cohort_ids).values_list(
            "cohort_id", "threshold"
        )
    )
    return {cohort_id: found.get(cohort_id, DEFAULT_THRESHOLD) for cohort_id in cohort_ids}


def extensions_of(memberships):
    """{(membership_id, assignment_id): new due date} for these (already permitted) trainees."""
    return {
        (membership_id, assignment_id): due_at
        for membership_id, assignment_id, due_at in Extension.objects.filter(
            membership__in=[m.pk for m in memberships]
        ).values_list("membership_id", "assignment_id", "due_at")
    }


def seminars_filling_up(user, moment, share=0.8):
    """Staff only: upcoming live public seminars whose confirmed seats reach share of capacity
    (annotated confirmed_count), soonest first."""
    if not is_staff(user):
        return []
    seminar_model = apps.get_model("courses", "SeminarPage")
    return list(
        seminar_model.objects.live()
        .filter(starts_at__gte=moment, capacity__gt=0)
        .annotate(
            confirmed_count=Count("registrations", filter=Q(registrations__status="confirmed"))
        )
        .filter(confirmed_count__gte=F("capacity") * share)
        .order_by("starts_at")
    )


def course_followers(user, course_pk, lesson_ids):
    """What a course page shows a mentor or staff instead of their own progress: the trainees
    of the course's running (or planned) cohorts that user may follow (staff all, a mentor
    their paired active trainees), each with `lessons_done` among lesson_ids, in reading
    order. Two queries; none for lesson_ids when nobody is followed."""
    trainees = list(
        mentored_trainees(user)
        .filter(
            cohort__course_id=course_pk,
            cohort__status__in=(Cohort.Status.PLANNED, Cohort.Status.RUNNING),
            is_active=True,
        )
        .select_related("user", "cohort")
        .by_reading()
    )
    if not trainees:
        return []
    progress_model = apps.get_model("courses", "LessonProgress")
    done = dict(
        progress_model.objects.filter(
            user__in=[m.user_id for m in trainees], lesson_id__in=list(lesson_ids)
        )
        .values("user")
        .annotate(count=Count("pk"))
        .values_list("user", "count")
    )
    for membership in trainees:
        membership.lessons_done = done.get(membership.user_id, 0)
    return trainees


# Not visibility rules: these narrow rows already filtered by the rules above to the latest
# ones (the outer row decides who may see it; the subquery only asks whether a later one
# exists), so they read the tables directly, which keeps them cheap on 300 x 60 gradebooks.


def later_attempt_exists(prefix=""):
    """Exists(): a later handed-in attempt by the same trainee at the same assignment as the
    outer attempt (reached through `prefix`, e.g. "review__submission__")."""
    return Exists(
        Submission.objects.submitted().filter(
            membership=OuterRef(f"{prefix}membership"),
            assignment=OuterRef(f"{prefix}assignment"),
            attempt__gt=OuterRef(f"{prefix}attempt"),
        )
    )


def later_release_exists():
    """Exists(): a later published version of the outer release's review."""
    return Exists(
        ReviewRelease.objects.filter(review=OuterRef("review"), number__gt=OuterRef("number"))
    )
