"""Seminar registration on the public site: register, see your registration, cancel it."""

from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from academy.downloads import content_disposition

from .. import services
from ..forms import SeminarRegistrationForm
from ..ics import seminar_calendar
from ..models import SeminarPage, SeminarRegistration
from ..spam import allow_attempt, allow_mail_to

REGISTERED_MESSAGE = gettext_lazy(
    "Thank you. We have sent an e-mail to the address you entered: it says whether you have a "
    "seat or a place on the waiting list, and has your link to see or cancel the registration."
)


def _render_seminar(request, seminar, form, status=200):
    context = seminar.get_context(request)
    context["form"] = form
    response = render(request, seminar.get_template(request), context, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def seminar_register(request, page_id):
    # An unpublished seminar is not there, like its page (410 would say it exists).
    seminar = get_object_or_404(SeminarPage.objects.live(), pk=page_id)
    restrictions = seminar.get_view_restrictions()  # a private seminar is not there for you
    if any(not restriction.accept_request(request) for restriction in restrictions):
        raise Http404
    form = SeminarRegistrationForm(request.POST)
    if not allow_attempt(request):
        form.is_valid()
        form.add_error(
            None, _("Too many registration attempts from your network. Please try again later.")
        )
        return _render_seminar(request, seminar, form, status=429)
    if form.is_valid():
        email = form.cleaned_data["email"]
        if form.is_spam():
            form.add_error(None, _("Your registration could not be accepted."))
        elif not allow_mail_to(email):
            form.add_error(
                "email",
                _(
                    "We have sent several e-mails to this address today. Please try again "
                    "tomorrow, or contact the office."
                ),
            )
            return _render_seminar(request, seminar, form, status=429)
        else:
            try:
                services.register(
                    seminar, form.cleaned_data, user=request.user, language=get_language()
                )
            except services.RegistrationRefused as refused:
                if refused.message is not services.DUPLICATE_MESSAGE:
                    form.add_error(refused.field, str(refused.message))
                    return _render_seminar(request, seminar, form, status=400)
                # The same answer as a new registration, so the form never says whether an
                # address is registered; the address's owner gets their own link again.
                services.remind(seminar, email)
            messages.success(request, REGISTERED_MESSAGE)
            return redirect(seminar.get_url(request) + "#register")
    return _render_seminar(request, seminar, form, status=400)


def _registration_or_404(token):
    return get_object_or_404(SeminarRegistration.objects.select_related("seminar"), token=token)


@require_GET
@never_cache
def registration_detail(request, token):
    registration = _registration_or_404(token)
    seminar = registration.seminar
    context = {
        "registration": registration,
        "seminar": seminar,
        "seminar_url": seminar.get_url(request) if seminar.live else None,
        "waiting_position": _waiting_position(registration),
    }
    response = render(request, "courses/seminar_registration.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


def _waiting_position(registration):
    if registration.status != registration.Status.WAITLISTED:
        return None
    ahead = registration.seminar.registrations.waitlisted().filter(
        Q(created_at__lt=registration.created_at)
        | Q(created_at=registration.created_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


@require_POST
def registration_cancel(request, token):
    registration = _registration_or_404(token)
    if registration.status == registration.Status.CANCELLED:
        messages.info(request, _("This registration was already cancelled."))
    elif registration.seminar.is_past:
        messages.error(request, _("This seminar has already taken place."))
    else:
        services.cancel(registration)
        messages.success(
            request, _("Your registration is cancelled. Thank you for letting us know.")
        )
    return redirect("courses:registration_detail", token=token)


@require_GET
def registration_ics(request, token):
    registration = _registration_or_404(token)
    if registration.status != registration.Status.CONFIRMED:
        raise Http404
    response = HttpResponse(
        seminar_calendar(registration.seminar, registration), content_type="text/calendar"
    )
    response["Content-Disposition"] = content_disposition("seminar.ics")
    response["Cache-Control"] = "private, no-store"
    return response
