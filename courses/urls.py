from django.urls import path, register_converter

from .views import progress, registrations


class RegistrationTokenConverter:
    """A registration token as secrets.token_urlsafe makes it (URL-safe base64, at most the
    column's 64 characters): anything else, a NUL byte say, is a 404 before any query."""

    regex = "[A-Za-z0-9_-]{1,64}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(RegistrationTokenConverter, "registration_token")

app_name = "courses"

urlpatterns = [
    path(
        "seminar-registration/new/<int:page_id>/",
        registrations.seminar_register,
        name="seminar_register",
    ),
    path(
        "seminar-registration/<registration_token:token>/",
        registrations.registration_detail,
        name="registration_detail",
    ),
    path(
        "seminar-registration/<registration_token:token>/cancel/",
        registrations.registration_cancel,
        name="registration_cancel",
    ),
    path(
        "seminar-registration/<registration_token:token>/calendar.ics",
        registrations.registration_ics,
        name="registration_ics",
    ),
    path("lesson-progress/<int:page_id>/done/", progress.lesson_done, name="lesson_done"),
    path("lesson-progress/<int:page_id>/undo/", progress.lesson_undo, name="lesson_undo"),
]
