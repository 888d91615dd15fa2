"""The calendar feed page (make, replace, revoke the private URL) and the feed itself.

The raw URL is shown once, right after it is made (kept in the session for that one page);
only its hash is stored.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from academy.links import absolute_url
from cohorts import access
from cohorts.calendar.feed import build_feed
from cohorts.calendar.models import FeedToken
from cohorts.calendar.services import tokens

FRESH_URL_KEY = "calendar_feed_url"


@never_cache
@login_required
@require_GET
def feed_settings(request):
    feed = FeedToken.objects.filter(user=request.user).first()
    fresh_url = request.session.pop(FRESH_URL_KEY, None) if feed else None
    return render(
        request,
        "cohorts/calendar/feed_settings.html",
        {"feed": feed, "fresh_url": fresh_url},
    )


@login_required
@require_POST
def feed_new(request):
    token = tokens.new_feed(request.user)
    request.session[FRESH_URL_KEY] = absolute_url(reverse("calendar:feed", args=[token]))
    messages.success(
        request, _("Your calendar feed address is ready. Any older address no longer works.")
    )
    return redirect("calendar:feed_settings")


@login_required
@require_POST
def feed_revoke(request):
    if tokens.revoke_feed(request.user):
        messages.success(
            request, _("Your calendar feed is turned off; its address no longer works.")
        )
    request.session.pop(FRESH_URL_KEY, None)
    return redirect("calendar:feed_settings")


@require_GET
def feed(request, token):
    user = access.feed_owner_or_404(token)
    tokens.note_fetch(user)
    response = HttpResponse(build_feed(user), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="successor-academy.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
