"""Review on the site: the queue, the review page, files, staff pages and guest evaluators."""

from django.urls import path

from .views import files, guests, queue, review, staff

app_name = "review"

urlpatterns = [
    path("review/", queue.queue_view, name="queue"),
    path("review/submissions/<int:pk>/", review.review_detail, name="review_detail"),
    path("review/submissions/<int:pk>/autosave/", review.review_autosave, name="autosave"),
    path("review/submissions/<int:pk>/reassign/", review.review_reassign, name="reassign"),
    path("review/submissions/<int:pk>/history/", staff.submission_history, name="history"),
    path("review/files/<int:pk>/", files.review_file, name="file"),
    path("review/cohorts/<int:pk>/policy/", staff.cohort_policy, name="cohort_policy"),
    path(
        "review/assignments/<int:pk>/release/",
        staff.assignment_release,
        name="assignment_release",
    ),
    path("review/assignments/<int:pk>/guests/", guests.guest_list, name="guest_list"),
    path("review/guests/<int:pk>/revoke/", guests.guest_revoke, name="guest_revoke"),
    path("review/guest/", guests.guest_home, name="guest_home"),
    path("review/guest/link/<str:token>/", guests.guest_link, name="guest_link"),
    path(
        "review/guest/<int:guest_pk>/submissions/<int:pk>/",
        guests.guest_score,
        name="guest_score",
    ),
]
