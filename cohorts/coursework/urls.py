"""Coursework on the site: assignments, handing work in, attempts and their files."""

from django.urls import path

from .views import assignments, extensions, submissions

app_name = "coursework"

urlpatterns = [
    path("assignments/", assignments.assignment_list, name="assignment_list"),
    path("assignments/<int:pk>/", assignments.assignment_detail, name="assignment_detail"),
    path("assignments/<int:pk>/submit/", submissions.submission_create, name="submission_create"),
    path(
        "assignments/<int:pk>/extensions/<int:membership_pk>/",
        extensions.extension_grant,
        name="extension_grant",
    ),
    path("submissions/<int:pk>/", submissions.submission_detail, name="submission_detail"),
    path("submissions/files/<int:pk>/", submissions.submission_file, name="submission_file"),
    path(
        "submissions/files/<int:pk>/remove/",
        submissions.submission_file_remove,
        name="submission_file_remove",
    ),
]
