"""The syllabus around a course page for the visitor: `{% course_place page as place %}`.

Built here, not in the page models, so the models need neither the outline nor the access
rules it asks (courses.outline, cohorts.access). The outline is the one the access check
built for this request (courses.outline.place_for), so the page loads it once.
"""

from dataclasses import dataclass

from django import template

from academy.navigation import role_of
from cohorts import access
from courses.outline import place_for

register = template.Library()


@register.simple_tag(takes_context=True)
def course_place(context, page):
    return place_for(context["request"], page)


@dataclass
class Followed:
    """The trainees a mentor or staff follow on a course page, by cohort."""

    total: int
    cohorts: list  # [(cohort, [membership with lessons_done])]
    staff: bool  # staff get a summary per cohort (cohort.average_done), not every name

    def __bool__(self):
        return True  # shown (even empty) instead of the reader's own progress


@register.simple_tag(takes_context=True)
def followed_progress(context, outline):
    """For a mentor or staff: their trainees' lessons done in this course, instead of their
    own (a mentor does not follow the course as a trainee); None for anyone else."""
    user = context["request"].user
    if role_of(user) not in ("mentor", "staff") or outline.course is None:
        return None
    by_cohort = {}
    for membership in access.course_followers(user, outline.course.pk, outline.lesson_ids):
        by_cohort.setdefault(membership.cohort, []).append(membership)
    for cohort, trainees in by_cohort.items():
        cohort.average_done = round(sum(m.lessons_done for m in trainees) / len(trainees), 1)
        cohort.all_done = sum(1 for m in trainees if m.lessons_done >= outline.lesson_count)
        for membership in trainees:
            membership.lessons_percent = (
                round(100 * membership.lessons_done / outline.lesson_count)
                if outline.lesson_count
                else 0
            )
    return Followed(outline.lesson_count, list(by_cohort.items()), role_of(user) == "staff")
