"""The dashboard's URL, included by the kernel's urls under its own name (cohorts:dashboard)
as a dotted string, so the kernel imports nothing of this app and every link keeps working."""

from django.urls import path

from .views import dashboard

urlpatterns = [
    path("dashboard/", dashboard.dashboard, name="dashboard"),
]
