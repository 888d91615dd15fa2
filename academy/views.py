"""Site-wide views: language switch, robots.txt, error pages."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language as django_set_language

from .middleware import SESSION_LANGUAGE_KEY, note_language


@require_POST
def set_language(request):
    """Switch language; a signed-in person keeps the choice for e-mails too."""
    response = django_set_language(request)
    language = request.POST.get("language")
    user = request.user
    if (
        user.is_authenticated
        and language in dict(settings.LANGUAGES)
        and user.preferred_language != language
    ):
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
    if user.is_authenticated and language in dict(settings.LANGUAGES):
        request.session[SESSION_LANGUAGE_KEY] = language  # what the middleware remembers
        note_language(request.session.session_key, language)
    return response


@require_GET
def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /accounts/", ""]
    lines.append(f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def admin_login(request):
    """Where the Wagtail admin sends someone it will not serve (WAGTAILADMIN_LOGIN_URL).

    Signed out: allauth's sign-in page (its rate limits cover every login), then back.
    Signed in without admin access (a trainee or mentor): a clear page, not the sign-in page,
    which would send them straight back to the admin in a loop.
    """
    user = request.user
    if not user.is_authenticated:
        query = request.META.get("QUERY_STRING", "")
        return redirect(reverse("account_login") + (f"?{query}" if query else ""))
    if user.has_perm("wagtailadmin.access_admin"):
        target = request.GET.get("next", "")
        safe = url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        return redirect(target if safe and target else "wagtailadmin_home")
    for _message in messages.get_messages(request):
        pass  # Wagtail's English "no permission" message: this page says it instead
    return render(request, "account/admin_not_for_you.html", status=403)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def csrf_failure(request, reason=""):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
