"""The one e-mail helper: a template triplet rendered in the recipient's language, sent by a task.

Templates live at templates/<prefix>_subject.txt, <prefix>.txt and <prefix>.html (the HTML
part is optional). The subject and the text part are rendered without HTML escaping (they are
plain text), so a name like "山田 & 佐藤" reads as typed; the HTML part is escaped as usual.

How a mail travels (production: the database task backend and `manage.py db_worker`):

1. send_email renders the message now, in the caller's process, and stores it as one
   OutgoingEmail row (academy/outbox.py) in the caller's transaction; the task it queues
   carries only that row's id, so the task table never holds an invitation link or any other
   secret, and finished task rows can be pruned (`manage.py prune_db_task_results`).
2. deliver_email claims the row (queued -> sending, committed) and then talks to the server.
   - accepted: the row is marked sent and its rendered parts are wiped;
   - refused for now (4xx reply, connection refused or dropped before the message was handed
     over): back to queued, and a new task is queued with run_after = now + the next delay of
     settings.MAIL_RETRY_DELAYS, in the same transaction; when the delays run out: failed;
   - refused for good (5xx reply, a malformed address): failed, never retried;
   - the connection broke after the message was handed over, or the worker died while
     sending: the server may have it, so the row becomes uncertain and is never resent
     automatically (a duplicate is worse than asking the office, who see it in the log).
3. A stray or repeated task finds the row no longer queued, or not yet due, and does nothing:
   at most one delivery per row. send_email(key=...) makes one row per event, so an event
   that is processed twice (a timer that runs twice) queues one mail.
"""

import base64
import logging
import smtplib
import uuid
from datetime import timedelta
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers, make_msgid
from django.db import IntegrityError, transaction
from django.tasks import task
from django.template import Context, TemplateDoesNotExist
from django.template.loader import get_template
from django.utils import timezone, translation

from .links import site_url
from .outbox import OutgoingEmail

logger = logging.getLogger("academy.mail")

DEFAULT_RETRY_DELAYS = (60, 300, 1800, 7200, 21600)  # seconds: 1 min … 6 h, about 8.6 h in all
DEFAULT_SENDING_LEASE = 15 * 60  # seconds a claimed row may stay `sending` before it is stale


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


def _message_id():
    """A Message-ID fixed when the mail is queued, so every copy of it would carry the same."""
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip(" >") or "localhost"
    return make_msgid(domain=domain)


def send_email(
    to,
    template_prefix,
    context=None,
    *,
    user=None,
    language=None,
    attachments=None,
    reply_to=None,
    key=None,
):
    """Render one e-mail, store it in the outbox and queue its delivery; return the task's
    result (the immediate backend of dev and tests sends it at once), or None when key names
    an event already queued.

    to: an address, a list of addresses, or a user (who is then also the `user`).
    user: the recipient, whose preferred language is used.
    language: the language when no user is known (a visitor's registration, say);
    an explicit language wins over the user's preference.
    attachments: [(filename, str or bytes content, mimetype)].
    key: names the event ("reminder:assignment:12:user:34"): one e-mail per key, ever.
    """
    if hasattr(to, "email"):
        user = user or to
        to = to.email
    recipients = [to] if isinstance(to, str) else list(to)
    if language not in dict(settings.LANGUAGES):
        language = language_for(user)
    subject, text, html = render_email(template_prefix, context or {}, language)
    reply_to = [reply_to] if isinstance(reply_to, str) else list(reply_to or [])
    try:
        with transaction.atomic():
            outgoing = OutgoingEmail.objects.create(
                key=key or f"once:{uuid.uuid4().hex}",
                template=template_prefix,
                language=language,
                to=recipients,
                reply_to=reply_to,
                message_id=_message_id(),
                subject=subject,
                body=text,
                html=html or "",
                attachments=[_encode_attachment(*a) for a in attachments or ()],
            )
            return deliver_email.enqueue(outgoing.pk)
    except IntegrityError:
        if key and OutgoingEmail.objects.filter(key=key).exists():
            logger.info("E-mail %s already queued; nothing queued again.", key)
            return None
        raise


@task()
def deliver_email(outgoing_id):
    """Deliver one outbox row (see the module docstring); returns the row's new status."""
    outgoing = _claim(outgoing_id)
    if outgoing is None:
        return "skipped"
    try:
        message = _build(outgoing)
        message.message()  # a malformed address or header fails here, before any connection
    except ValueError as error:
        return _failed(outgoing, error)
    connection = mailers.default
    try:
        connection.open()
    except Exception as error:  # nothing was handed over: safe to try again
        return _not_sent(outgoing, error, temporary=_is_temporary(error))
    try:
        connection.send_messages([message])
    except (smtplib.SMTPResponseException, smtplib.SMTPRecipientsRefused) as error:
        return _not_sent(outgoing, error, temporary=_is_temporary(error))  # the server said no
    except Exception as error:  # broke while handing over: the server may have it
        return _uncertain(outgoing, error)
    finally:
        _close_quietly(connection)
    _mark_sent(outgoing)
    return OutgoingEmail.Status.SENT


def _claim(outgoing_id):
    """The row, now `sending`, if it is queued and due; else None (someone else has it)."""
    now = timezone.now()
    with transaction.atomic():
        outgoing = OutgoingEmail.objects.select_for_update().filter(pk=outgoing_id).first()
        if outgoing is None or outgoing.status != OutgoingEmail.Status.QUEUED:
            return None
        if outgoing.next_attempt_at and outgoing.next_attempt_at > now:
            return None  # an early copy of the task: the scheduled one will come
        outgoing.status = OutgoingEmail.Status.SENDING
        outgoing.attempts += 1
        outgoing.claimed_at = now
        outgoing.save(update_fields=["status", "attempts", "claimed_at"])
    return outgoing


def _build(outgoing):
    message = EmailMultiAlternatives(
        subject=outgoing.subject,
        body=outgoing.body,
        from_email=sender_for(outgoing.language),
        to=list(outgoing.to),
        reply_to=list(outgoing.reply_to) or None,
        headers={"Message-ID": outgoing.message_id, "Content-Language": outgoing.language},
    )
    if outgoing.html:
        message.attach_alternative(outgoing.html, "text/html")
    for attachment in outgoing.attachments:
        message.attach(*_decode_attachment(*attachment))
    return message


def _is_temporary(error):
    """Whether the server (or the network) refused for now rather than for good."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _reply in error.recipients.values()]
        return bool(codes) and all(400 <= code < 500 for code in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    return isinstance(error, OSError | smtplib.SMTPException)


def _describe(error):
    return f"{type(error).__name__}: {error}"[:500]


def retry_delays():
    return list(getattr(settings, "MAIL_RETRY_DELAYS", DEFAULT_RETRY_DELAYS))


def _update(outgoing, **fields):
    for name, value in fields.items():
        setattr(outgoing, name, value)
    outgoing.save(update_fields=list(fields))


def _mark_sent(outgoing):
    """Sent: the rendered parts (links, tokens) go; who, what kind and when stay."""
    _update(
        outgoing,
        status=OutgoingEmail.Status.SENT,
        sent_at=timezone.now(),
        body="",
        html="",
        attachments=[],
        last_error="",
    )


def _not_sent(outgoing, error, *, temporary):
    delays = retry_delays()
    if not temporary or outgoing.attempts > len(delays):
        return _failed(outgoing, error)
    run_after = timezone.now() + timedelta(seconds=delays[outgoing.attempts - 1])
    with transaction.atomic():  # the row and its next task change together
        _update(
            outgoing,
            status=OutgoingEmail.Status.QUEUED,
            next_attempt_at=run_after,
            last_error=_describe(error),
        )
        if deliver_email.get_backend().supports_defer:
            deliver_email.using(run_after=run_after).enqueue(outgoing.pk)
        # else (the immediate backend of dev): recover_stalled queues it again later
    logger.warning(
        "E-mail %s (%s) not sent, attempt %s: %s; next try at %s.",
        outgoing.pk,
        outgoing.template,
        outgoing.attempts,
        _describe(error),
        run_after.isoformat(),
    )
    return OutgoingEmail.Status.QUEUED


def _failed(outgoing, error):
    _update(outgoing, status=OutgoingEmail.Status.FAILED, last_error=_describe(error))
    logger.error(
        "E-mail %s (%s) to %s failed after %s attempt(s): %s",
        outgoing.pk,
        outgoing.template,
        len(outgoing.to),
        outgoing.attempts,
        _describe(error),
    )
    return OutgoingEmail.Status.FAILED


def _uncertain(outgoing, error):
    _update(outgoing, status=OutgoingEmail.Status.UNCERTAIN, last_error=_describe(error))
    logger.error(
        "E-mail %s (%s): the connection broke while the message was handed over (%s); it may "
        "or may not have arrived, and is not sent again automatically.",
        outgoing.pk,
        outgoing.template,
        _describe(error),
    )
    return OutgoingEmail.Status.UNCERTAIN


def _close_quietly(connection):
    try:
        connection.close()
    except Exception:  # the message was accepted; a failed QUIT changes nothing
        logger.info("Closing the mail connection failed.", exc_info=True)


def recover_stalled(now=None):
    """For a timer: rows a dead worker left behind. `sending` past the lease becomes uncertain
    (it may have gone out); `queued` and overdue by the lease gets a new task (the claim makes
    an extra task harmless). Returns (uncertain, requeued) counts."""
    now = now or timezone.now()
    lease = timedelta(seconds=getattr(settings, "MAIL_SENDING_LEASE", DEFAULT_SENDING_LEASE))
    stale = OutgoingEmail.objects.filter(
        status=OutgoingEmail.Status.SENDING, claimed_at__lt=now - lease
    )
    uncertain = 0
    for outgoing in stale:
        _uncertain(outgoing, TimeoutError("the worker stopped while sending"))
        uncertain += 1
    overdue = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.QUEUED).filter(
        created_at__lt=now - lease
    )
    requeued = 0
    for outgoing in overdue:
        if outgoing.next_attempt_at is None or outgoing.next_attempt_at < now - lease:
            deliver_email.enqueue(outgoing.pk)
            requeued += 1
    return uncertain, requeued


def prune_outbox(days=30, now=None):
    """Delete finished outbox rows (sent, failed, uncertain) older than days; returns the count.

    Task rows are pruned by django-tasks-db's `prune_db_task_results`; they hold only ids.
    """
    now = now or timezone.now()
    finished = [
        OutgoingEmail.Status.SENT,
        OutgoingEmail.Status.FAILED,
        OutgoingEmail.Status.UNCERTAIN,
    ]
    deleted, _by_model = OutgoingEmail.objects.filter(
        status__in=finished, created_at__lt=now - timedelta(days=days)
    ).delete()
    return deleted
