"""Attendance in the Wagtail admin: staff schedule sessions and set each cohort's threshold.

Sessions are saved through the same services as everywhere else; the roster, the code screen
and the reports live on the site (mentors do not use the admin), linked from the listing.
wagtail_hooks.py only registers what is defined here.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton

from cohorts.admin import MENU_HOOK, ServiceCreateView, ServiceDeleteView, ServiceEditView
from cohorts.attendance.forms import SessionForm
from cohorts.attendance.models import AttendancePolicy, Session
from cohorts.attendance.services import sessions


class SessionIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("cohort")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        for priority, (label, name, icon) in enumerate(
            [
                (_("Take the roster"), "attendance:roster", "tasks"),
                (_("Check-in code and QR"), "attendance:code_screen", "view"),
                (_("Sign-in sheet"), "attendance:sign_in_sheet", "doc-full"),
            ]
        ):
            buttons.append(
                ListingButton(
                    label,
                    url=reverse(name, args=[instance.pk]),
                    icon_name=icon,
                    priority=40 + priority,
                )
            )
        return buttons


class SessionCreateView(ServiceCreateView):
    def create(self, form):
        return sessions.create_session(actor=self.request.user, session=form.instance)


class SessionEditView(ServiceEditView):
    def update(self, form):
        return sessions.update_session(actor=self.request.user, session=form.instance)


class SessionDeleteView(ServiceDeleteView):
    protected_message = _(
        "This session has attendance records and cannot be deleted; they are kept."
    )

    def remove(self, instance):
        sessions.delete_session(actor=self.request.user, session=instance)


class SessionViewSet(ModelViewSet):
    model = Session
    icon = "date"
    menu_label = _("Sessions")
    menu_hook = MENU_HOOK
    menu_order = 500
    url_prefix = "attendance/sessions"
    index_view_class = SessionIndexView
    add_view_class = SessionCreateView
    edit_view_class = SessionEditView
    delete_view_class = SessionDeleteView
    list_display = ["title", "cohort", "starts_at", "place"]
    list_filter = ["cohort"]
    search_fields = ["title", "place"]
    search_backend_name = None
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("cohort"),
            FieldPanel("title"),
            FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
            FieldRowPanel([FieldPanel("place"), FieldPanel("online_url")]),
            FieldPanel("seminar"),
            FieldPanel("notes"),
            MultiFieldPanel(
                [
                    FieldPanel("checkin_code"),
                    FieldRowPanel(
                        [
                            FieldPanel("checkin_opens_before"),
                            FieldPanel("checkin_closes_after"),
                            FieldPanel("late_after"),
                        ]
                    ),
                ],
                heading=_("Check-in"),
            ),
        ],
        base_form_class=SessionForm,
    )


class AttendancePolicyViewSet(ModelViewSet):
    model = AttendancePolicy
    icon = "cog"
    menu_label = _("Attendance thresholds")
    menu_hook = MENU_HOOK
    menu_order = 510
    url_prefix = "attendance/policies"
    form_fields = ["cohort", "threshold"]
    list_display = ["cohort", "threshold"]
    search_backend_name = None
    copy_view_enabled = False


def viewsets():
    return [
        SessionViewSet("attendance_session"),
        AttendancePolicyViewSet("attendance_policy"),
    ]
