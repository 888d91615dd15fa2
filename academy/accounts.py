"""django-allauth adapter: invited people only, e-mails through our one e-mail helper."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        """Trainees and mentors are invited by the office; nobody signs themselves up."""
        return False

    def send_mail(self, template_prefix, email, context):
        """Render allauth's own templates in the recipient's language and send them."""
        from django.contrib.auth import get_user_model

        from .mail import language_for

        user = context.get("user") or get_user_model().objects.filter(email__iexact=email).first()
        language = language_for(user, default=getattr(self.request, "LANGUAGE_CODE", None))
        from django.utils import translation

        with translation.override(language):
            message = self.render_mail(template_prefix, email, context)
        message.send()

    def get_from_email(self):
        return settings.DEFAULT_FROM_EMAIL
