from django.urls import path

from .views import progress, registrations

app_name = "courses"

urlpatterns = [
    path(
        "seminar-registration/new/<int:page_id>/",
        registrations.seminar_register,
        name="seminar_register",
    ),
    path(
        "seminar-registration/<str:token>/",
        registrations.registration_detail,
        name="registration_detail",
    ),
    path(
        "seminar-registration/<str:token>/cancel/",
        registrations.registration_cancel,
        name="registration_cancel",
    ),
    path(
        "seminar-registration/<str:token>/calendar.ics",
        registrations.registration_ics,
        name="registration_ics",
    ),
    path("lesson-progress/<int:page_id>/done/", progress.lesson_done, name="lesson_done"),
    path("lesson-progress/<int:page_id>/undo/", progress.lesson_undo, name="lesson_undo"),
]
