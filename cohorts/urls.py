"""The kernel's pages on the site: the invitation link, the confidential view log (staff),
and the dashboard's name.

The dashboard itself belongs to the reports app; its URL is included here by dotted path (no
import), so `cohorts:dashboard` keeps its name and the kernel knows nothing of the app.
"""

from django.urls import include, path

from .views import confidential, invitations

app_name = "cohorts"

urlpatterns = [
    path("", include("cohorts.reports.dashboard_urls")),
    path("invitations/<str:token>/", invitations.invitation_accept, name="invitation_accept"),
    path("confidential-views/", confidential.confidential_views, name="confidential_views"),
]
