"""The one e-mail helper: a template triplet rendered in the recipient's language, sent by a task.

Templates live at templates/<prefix>_subject.txt, <prefix>.txt and <prefix>.html (the HTML
part is optional). The task renders them, so callers pass only JSON-ready context (ids,
strings, numbers): the task may run later, in a worker, where only JSON survives.

The subject and the text part are rendered without HTML escaping (they are plain text), so
a name like "山田 & 佐藤" reads as typed; the HTML part is escaped as usual.
"""

import base64
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.tasks import task
from django.template import Context, TemplateDoesNotExist
from django.template.loader import get_template
from django.utils import translation

from .links import site_url


def language_for(user=None, default=None):
    """The language to write to user in: their preference, else default, else the site's."""
    available = dict(settings.LANGUAGES)
    for language in (getattr(user, "preferred_language", None), default):
        if language in available:
            return language
    return settings.LANGUAGE_CODE


def sender_for(language):
    """The From header for mail in language: DEFAULT_FROM_EMAIL's address under the name
    settings.EMAIL_FROM_NAMES gives that language (後継者育成塾 事務局), else as it is."""
    name = getattr(settings, "EMAIL_FROM_NAMES", {}).get(language)
    if not name:
        return settings.DEFAULT_FROM_EMAIL
    # Django encodes a non-ASCII name when it sends; quote it for any special character.
    name = name.replace("\\", "").replace('"', "")
    return f'"{name}" <{parseaddr(settings.DEFAULT_FROM_EMAIL)[1]}>'


def _render_text(template_name, context):
    """Render a plain-text template with autoescaping off."""
    template = get_template(template_name)
    engine_template = getattr(template, "template", None)  # Django's own backend
    if engine_template is not None:
        return engine_template.render(Context(context, autoescape=False))
    return template.render(context)  # pragma: no cover - other template backends


def render_email(template_prefix, context, language):
    """(subject, text, html or None) of a template triplet in the given language."""
    context = {"site_url": site_url(), **context}
    with translation.override(language):
        subject = _render_text(f"{template_prefix}_subject.txt", context)
        text = _render_text(f"{template_prefix}.txt", context)
        try:
            template = get_template(f"{template_prefix}.html")
        except TemplateDoesNotExist:  # the HTML part is optional
            html = None
        else:
            html = template.render(context)
    return " ".join(subject.split()), text, html


def _encode_attachment(filename, content, mimetype):
    """[filename, content, mimetype] that survives JSON: binary content goes as base64."""
    if isinstance(content, bytes | bytearray):
        content = {"base64": base64.b64encode(bytes(content)).decode("ascii")}
    return [str(filename), content, mimetype or None]


def _decode_attachment(filename, content, mimetype):
    if isinstance(content, dict):
        content = base64.b64decode(content["base64"])
    return filename, content, mimetype


@task()
def send_email_task(to, template_prefix, context, language, attachments=None, reply_to=None):
    subject, text, html = render_email(template_prefix, context, language)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=sender_for(language),
        to=list(to),
        reply_to=list(reply_to or []) or None,
    )
    if html:
        message.attach_alternative(html, "text/html")
    for attachment in attachments or ():
        message.attach(*_decode_attachment(*attachment))
    message.send()
    return len(message.recipients())


def send_email(
    to,
    template_prefix,
    context=None,
    *,
    user=None,
    language=None,
    attachments=None,
    reply_to=None,
):
    """Queue one e-mail and return the task's result; the immediate backend (dev, tests)
    sends it at once.

    to: an address, a list of addresses, or a user (who is then also the `user`).
    user: the recipient, whose preferred language is used.
    language: the language when no user is known (a visitor's registration, say);
    an explicit language wins over the user's preference.
    attachments: [(filename, str or bytes content, mimetype)].
    """
    if hasattr(to, "email"):
        user = user or to
        to = to.email
    recipients = [to] if isinstance(to, str) else list(to)
    if language not in dict(settings.LANGUAGES):
        language = language_for(user)
    encoded = [_encode_attachment(*attachment) for attachment in attachments or ()]
    reply_to = [reply_to] if isinstance(reply_to, str) else list(reply_to or [])
    return send_email_task.enqueue(
        recipients, template_prefix, context or {}, language, encoded, reply_to
    )
