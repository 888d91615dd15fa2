"""An assignment announced to one trainee when it opens, and when they first opened it."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Announcement(models.Model):
    """One trainee told of one open assignment (by e-mail, and on their dashboard as new until
    they open its page). The unique pair is the guard: an assignment announced twice, or by two
    workers at once, tells each trainee once."""

    assignment = models.ForeignKey(
        "coursework.Assignment",
        verbose_name=_("assignment"),
        on_delete=models.CASCADE,
        related_name="announcements",
    )
    membership = models.ForeignKey(
        "cohorts.Membership",
        verbose_name=_("trainee"),
        on_delete=models.CASCADE,
        related_name="announcements",
    )
    announced_at = models.DateTimeField(_("announced at"), default=timezone.now)
    opened_at = models.DateTimeField(_("opened by the trainee at"), null=True, blank=True)

    class Meta:
        verbose_name = _("assignment announcement")
        verbose_name_plural = _("assignment announcements")
        ordering = ["-announced_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "membership"], name="announcement_once_per_trainee"
            )
        ]
        indexes = [
            models.Index(fields=["membership", "opened_at"], name="announcement_unopened_idx")
        ]

    def __str__(self):
        return f"{self.assignment_id} → {self.membership_id}"
