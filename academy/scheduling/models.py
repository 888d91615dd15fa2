"""What scheduled work has already done, so that running it again does nothing twice."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SentNotice(models.Model):
    """One notice sent once: `kind` names the job's notice ("coursework.due_soon"), `key` the
    occasion (trainee membership, assignment and the due date it announced). The unique pair
    is the guard: a second run, or two runs at once, cannot claim the same occasion twice.

    A notice a person sends by hand (staff's "today" reminders) also names who sent it and to
    whom; a scheduled job leaves both empty."""

    kind = models.CharField(_("kind"), max_length=64)
    key = models.CharField(_("key"), max_length=200)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recipients = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("recipients"), blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("sent notice")
        verbose_name_plural = _("sent notices")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="sentnotice_once_per_occasion")
        ]
        indexes = [models.Index(fields=["sent_at"], name="sentnotice_sent_at_idx")]

    def __str__(self):
        return f"{self.kind} {self.key}"
