"""Ticking an action item done or open again (POST only; the same post twice is harmless)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cohorts import access
from cohorts.mentoring.forms import DoneForm
from cohorts.mentoring.services.action_items import set_done
from cohorts.mentoring.services.meetings import MeetingRefused


def _back(request, item):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(reverse("mentoring:meeting_detail", args=[item.meeting_id]))


@login_required
@require_POST
def action_item_done(request, pk):
    item = access.get_writable_action_item_or_404(request.user, pk)
    form = DoneForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Say whether the item is done."))
    done = bool(form.cleaned_data["done"])
    try:
        set_done(request.user, item, done)
    except MeetingRefused as refused:
        messages.error(request, refused.message)
        return _back(request, item)
    if done:
        messages.success(request, _("Marked done: %(text)s") % {"text": item.text})
    else:
        messages.success(request, _("Open again: %(text)s") % {"text": item.text})
    return _back(request, item)
