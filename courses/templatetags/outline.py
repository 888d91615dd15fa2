"""The syllabus around a course page for the visitor: `{% course_place page as place %}`.

Built here, not in the page models, so the models need neither the outline nor the access
rules it asks (courses.outline, cohorts.access). The outline is the one the access check
built for this request (courses.outline.place_for), so the page loads it once.
"""

from django import template

from courses.outline import place_for

register = template.Library()


@register.simple_tag(takes_context=True)
def course_place(context, page):
    return place_for(context["request"], page)
