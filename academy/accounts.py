"""django-allauth adapter: invited people only, e-mails in the recipient's language."""

from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.ratelimit import respond_429
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import translation

from .client_ip import client_ip
from .datetimes import format_datetime, with_zone
from .links import absolute_url
from .mail import language_for, send_email

# allauth's context values that are links: rebuilt on SITE_URL. "signup_url" is left out on
# purpose (sign-up is closed: people are invited).
LINKS = ("password_reset_url", "activate_url")
# Plain strings passed on as they are.
STRINGS = ("ip", "user_agent", "from_email", "to_email", "deleted_email", "code")


def _site_link(url):
    """The path and query of a link allauth built from the Host header, on SITE_URL."""
    parts = urlsplit(str(url))
    return absolute_url(parts.path + (f"?{parts.query}" if parts.query else ""))


def _mail_context(email, user, context, language):
    """The JSON-ready context the mail task gets (it may run later, in a worker)."""
    name = ""
    if user is not None:
        name = user.get_full_name() or getattr(user, "display_name", "") or ""
    result = {"email": email, "name": name}
    for key in LINKS:
        if context.get(key):
            result[key] = _site_link(context[key])
    for key in STRINGS:
        if context.get(key):
            result[key] = str(context[key])
    if context.get("timestamp"):
        with translation.override(language):
            result["timestamp"] = with_zone(format_datetime(context["timestamp"]))
    return result


class LoginForm(AllauthLoginForm):
    """Allauth's login form with "stay logged in" ticked: a trainee who scans a check-in code
    on their phone should find themselves still logged in (SESSION_COOKIE_AGE); someone on a
    shared computer unticks it and is logged out when the browser closes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "remember" in self.fields:
            self.fields["remember"].initial = True


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        """Trainees and mentors are invited by the office; nobody signs themselves up."""
        return False

    def get_client_ip(self, request):
        """The one client-IP rule (academy.client_ip, settings.TRUSTED_PROXY_COUNT) for allauth's
        rate limits too, so a forged X-Forwarded-For never picks another bucket."""
        return client_ip(request)

    def _get_login_attempts_cache_key(self, request, **credentials):
        """The failed-login count is per account, whatever the request says about the host.

        allauth keys it on the current site's domain, which without django.contrib.sites is
        the Host header: another port or a trailing dot would start a fresh count."""
        login = credentials.get("email", credentials.get("username", "")) or ""
        return f"login:{login.strip().lower()}"

    def pre_authenticate(self, request, **credentials):
        """Past the failed-login limit for an address, answer 429 rather than a form error."""
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as error:
            if getattr(error, "code", None) == "too_many_login_attempts":
                raise ImmediateHttpResponse(respond_429(request)) from None
            raise

    def send_mail(self, template_prefix, email, context):
        """allauth's e-mails through academy.mail like every other: a task (a mail server that
        is down never fails the request), the recipient's language (their profile, else the
        page's), our own templates (templates/account/email/<name>{_subject,}.txt), and links
        rebuilt on SITE_URL: allauth builds them from the request's Host header."""
        user = context.get("user")
        if user is None:
            user = get_user_model().objects.filter(email__iexact=email).first()
        request_language = getattr(getattr(self, "request", None), "LANGUAGE_CODE", None)
        language = language_for(user, default=request_language)
        send_email(
            email,
            template_prefix,
            _mail_context(email, user, context, language),
            user=user,
            language=language,
        )

    def get_from_email(self):
        return settings.DEFAULT_FROM_EMAIL
