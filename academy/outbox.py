"""The e-mail outbox: one row per e-mail event, the record that keeps a mail from going twice.

academy.mail.send_email renders the message when it is queued and stores it here; the task
carries only this row's id, so the task table never holds a link or a token. The worker claims
the row (queued -> sending, committed) before it talks to the mail server and marks it sent
after; the rendered parts are wiped once it is sent. A row left in `sending` by a worker that
died is never sent again automatically: the server may have accepted it, so it becomes
`uncertain` for the office to decide (see academy.mail.recover_stalled).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingEmail(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        UNCERTAIN = "uncertain", _("Delivery uncertain")

    # One e-mail event: a second send_email with the same key queues nothing.
    key = models.CharField(_("key"), max_length=200, unique=True)
    template = models.CharField(_("template"), max_length=200)
    language = models.CharField(_("language"), max_length=8)
    to = models.JSONField(_("to"), default=list)
    reply_to = models.JSONField(_("reply to"), default=list)
    message_id = models.CharField(_("Message-ID"), max_length=250)
    subject = models.TextField(_("subject"))
    body = models.TextField(_("text"), blank=True)
    html = models.TextField(_("HTML"), blank=True)
    attachments = models.JSONField(_("attachments"), default=list)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [models.Index(fields=["status", "created_at"], name="outbox_status_created")]

    def __str__(self):
        return f"{self.template} → {', '.join(self.to)} ({self.status})"
