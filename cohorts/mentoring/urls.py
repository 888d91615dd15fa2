"""The meeting log on the site."""

from django.urls import path

from .views import action_items, meetings

app_name = "mentoring"

urlpatterns = [
    path("meetings/", meetings.meeting_index, name="index"),
    path("meetings/trainees/<int:pk>/", meetings.meeting_list, name="meeting_list"),
    path("meetings/trainees/<int:pk>/new/", meetings.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path(
        "meetings/action-items/<int:pk>/done/",
        action_items.action_item_done,
        name="action_item_done",
    ),
]
