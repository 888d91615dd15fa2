"""The dashboard's sessions panel: `{% load attendance_panels %}{% sessions_panel %}`.

The kernel's dashboard loads it by name (a template, not an import), so the kernel keeps
knowing nothing of this app. A few queries, whatever the cohort's size.
"""

from django import template
from django.utils import timezone

from cohorts import access
from cohorts.attendance.views.sessions import _with_own_records, decorate

register = template.Library()
PANEL_SIZE = 3


@register.inclusion_tag("cohorts/attendance/includes/dashboard_panel.html", takes_context=True)
def sessions_panel(context):
    user = context["request"].user
    if not access.is_member(user) or access.is_staff(user):
        return {"sessions": [], "show_panel": False}
    now = timezone.now()
    sessions = list(
        _with_own_records(
            user,
            access.feed_sessions_for(user).select_related("cohort").upcoming(now),
        ).order_by("starts_at", "pk")[:PANEL_SIZE]
    )
    decorate(user, sessions, now)
    return {"sessions": sessions, "show_panel": True, "request": context["request"]}
