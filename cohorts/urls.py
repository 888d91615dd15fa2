from django.urls import path

from .views import dashboard, invitations

urlpatterns = [
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("invitations/<str:token>/", invitations.invitation_accept, name="invitation_accept"),
]

# Assignments and submissions (issue 6) ----------------------------------------------------
from .views import assignments, submissions  # noqa: E402

urlpatterns += [
    path("assignments/", assignments.assignment_list, name="assignment_list"),
    path("assignments/<int:pk>/", assignments.assignment_detail, name="assignment_detail"),
    path("assignments/<int:pk>/submit/", submissions.submission_create, name="submission_create"),
    path("submissions/<int:pk>/", submissions.submission_detail, name="submission_detail"),
    path("submissions/files/<int:pk>/", submissions.submission_file, name="submission_file"),
    path(
        "submissions/files/<int:pk>/remove/",
        submissions.submission_file_remove,
        name="submission_file_remove",
    ),
]

from .views import extensions  # noqa: E402  (issue 6)

urlpatterns += [
    path(
        "assignments/<int:pk>/extensions/<int:membership_pk>/",
        extensions.extension_grant,
        name="extension_grant",
    ),
]

from .views import assignment_admin  # noqa: E402  (issue 6)

urlpatterns += [
    path("assignments/new/", assignment_admin.assignment_create, name="assignment_create"),
    path("assignments/<int:pk>/edit/", assignment_admin.assignment_edit, name="assignment_edit"),
]
