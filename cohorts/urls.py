from django.urls import path

from .views import dashboard, invitations

urlpatterns = [
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("invitations/<str:token>/", invitations.invitation_accept, name="invitation_accept"),
]
