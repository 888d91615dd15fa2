"""Completion and certificates on the site: staff's completion page, the trainee's download,
the public verification page, and the alumni directory."""

from django.urls import path

from .views import alumni, certificates, completion, verify

app_name = "certificates"

urlpatterns = [
    path("completion/", completion.completion_index, name="completion_index"),
    path("completion/cohorts/<int:pk>/", completion.cohort_completion, name="cohort_completion"),
    path(
        "completion/cohorts/<int:pk>/trainees/<int:membership_pk>/confirm/",
        completion.confirm,
        name="confirm",
    ),
    path("completion/<int:pk>/undo/", completion.undo, name="undo"),
    path("certificates/<int:pk>/certificate.pdf", certificates.download, name="download"),
    path("verify/", verify.verify_form, name="verify"),
    path("verify/<str:code>/", verify.verify_code, name="verify_code"),
    path("alumni/", alumni.directory, name="alumni_directory"),
    path("alumni/entries/<int:pk>/", alumni.entry, name="alumni_entry"),
]
