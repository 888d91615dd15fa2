"""The kernel's pages on the site: the dashboard and the invitation link."""

from django.urls import path

from .views import dashboard, invitations

app_name = "cohorts"

urlpatterns = [
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("invitations/<str:token>/", invitations.invitation_accept, name="invitation_accept"),
]
