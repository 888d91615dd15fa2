"""The syllabus around a course page for the visitor: `{% course_place page as place %}`.

Built here, not in the page models, so the models need neither the outline nor the access
rules it asks (courses.outline, cohorts.access).
"""

from django import template

from courses.outline import place_of

register = template.Library()


@register.simple_tag(takes_context=True)
def course_place(context, page):
    return place_of(page, context["request"].user)
