"""django-allauth adapter: invited people only, e-mails in the recipient's language."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.ratelimit import respond_429
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import translation

from .client_ip import client_ip
from .mail import language_for


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
        """Render allauth's templates in the recipient's language (their profile, else the page's)."""
        user = context.get("user")
        if user is None:
            user = get_user_model().objects.filter(email__iexact=email).first()
        request_language = getattr(getattr(self, "request", None), "LANGUAGE_CODE", None)
        with translation.override(language_for(user, default=request_language)):
            message = self.render_mail(template_prefix, email, context)
        message.send()

    def get_from_email(self):
        return settings.DEFAULT_FROM_EMAIL
