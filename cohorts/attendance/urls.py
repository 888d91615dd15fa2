"""Attendance on the site: sessions, check-in, the roster, the sign-in sheet, reports."""

from django.urls import path

from .views import checkin, reports, roster, sessions

app_name = "attendance"

urlpatterns = [
    path("sessions/", sessions.session_list, name="session_list"),
    path("sessions/<int:pk>/", sessions.session_detail, name="session_detail"),
    path("sessions/<int:pk>/check-in/", checkin.checkin, name="checkin"),
    path("sessions/<int:pk>/code/", checkin.code_screen, name="code_screen"),
    path("sessions/<int:pk>/code/new/", checkin.code_new, name="code_new"),
    path("sessions/<int:pk>/qr.svg", checkin.qr_code, name="qr_code"),
    path("sessions/<int:pk>/roster/", roster.roster, name="roster"),
    path("sessions/<int:pk>/sign-in-sheet/", roster.sign_in_sheet, name="sign_in_sheet"),
    path("attendance/", reports.report_index, name="report_index"),
    path("attendance/cohorts/<int:pk>/", reports.report, name="report"),
    path(
        "attendance/cohorts/<int:pk>/export.<str:fmt>", reports.report_export, name="report_export"
    ),
]
