"""Calendar on the site: the person's feed settings and the feed itself (by token)."""

from django.urls import path

from .views import feeds

app_name = "calendar"

urlpatterns = [
    path("calendar/", feeds.feed_settings, name="feed_settings"),
    path("calendar/new/", feeds.feed_new, name="feed_new"),
    path("calendar/revoke/", feeds.feed_revoke, name="feed_revoke"),
    path("calendar/feed/<str:token>.ics", feeds.feed, name="feed"),
]
