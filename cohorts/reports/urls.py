"""Reports on the site: a trainee's page, the gradebook, the progress report, staff's today."""

from django.urls import path

from .views import gradebook, links, progress, today, trainee

app_name = "reports"

urlpatterns = [
    path("my-course/", links.my_course, name="my_course"),
    path("reports/", gradebook.report_index, name="index"),
    path("reports/trainees/<int:pk>/", trainee.trainee_detail, name="trainee"),
    path("reports/cohorts/<int:pk>/gradebook/", gradebook.gradebook, name="gradebook"),
    path(
        "reports/cohorts/<int:pk>/gradebook.<str:fmt>",
        gradebook.gradebook_export,
        name="gradebook_export",
    ),
    path("reports/cohorts/<int:pk>/progress/", progress.progress_report, name="progress"),
    path(
        "reports/cohorts/<int:pk>/progress.<str:fmt>",
        progress.progress_export,
        name="progress_export",
    ),
    path("reports/today/", today.today, name="today"),
    path(
        "reports/today/<int:cohort_pk>/remind/<str:kind>/<int:pk>/",
        today.remind,
        name="remind",
    ),
]
