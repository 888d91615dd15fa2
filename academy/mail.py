"""The one e-mail helper: a template triplet rendered in the recipient's language, sent by a task.

Templates live at templates/<prefix>_subject.txt, <prefix>.txt and <prefix>.html. The task
renders them, so callers pass only JSON-ready context (ids, strings, numbers).
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import translation


def language_for(user=None, default=None):
    language = getattr(user, "preferred_language", None) or default or settings.LANGUAGE_CODE
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def render_email(template_prefix, context, language):
    """(subject, text, html) of a template triplet in the given language."""
    context = {"site_url": settings.WAGTAILADMIN_BASE_URL, **context}
    with translation.override(language):
        subject = render_to_string(f"{template_prefix}_subject.txt", context)
        text = render_to_string(f"{template_prefix}.txt", context)
        try:
            html = render_to_string(f"{template_prefix}.html", context)
        except Exception:  # an HTML part is optional
            html = None
    return " ".join(subject.split()), text, html


@task()
def send_email_task(to, template_prefix, context, language, attachments=None, reply_to=None):
    subject, text, html = render_email(template_prefix, context, language)
    message = EmailMultiAlternatives(
        subject=subject, body=text, to=list(to), reply_to=reply_to or None
    )
    if html:
        message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments or ():
        message.attach(filename, content, mimetype)
    message.send()


def send_email(to, template_prefix, context=None, *, user=None, language=None, attachments=None):
    """Queue one e-mail; with the immediate backend (dev, tests) it is sent at once.

    to: an address or a list; user: the recipient, whose preferred language wins.
    attachments: [(filename, text content, mimetype)].
    """
    recipients = [to] if isinstance(to, str) else list(to)
    language = language or language_for(user)
    return send_email_task.enqueue(
        recipients, template_prefix, context or {}, language, attachments or []
    )
