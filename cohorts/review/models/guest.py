"""A guest evaluator (the family company's current owner, an outside expert): invited by
e-mail to score their own criteria of one assignment's rubric, for named trainees only.

Only the hash of the link's token is stored. The link signs a guest in (an account without a
password, never staff); the guest then sees exactly these trainees' attempts at this
assignment and scores exactly these criteria.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class GuestEvaluator(models.Model):
    assignment = models.ForeignKey(
        "coursework.Assignment",
        verbose_name=_("assignment"),
        on_delete=models.PROTECT,
        related_name="guest_evaluators",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("guest evaluator"),
        on_delete=models.PROTECT,
        related_name="guest_evaluations",
    )
    criteria = models.ManyToManyField(
        "coursework.RubricCriterion", verbose_name=_("criteria"), related_name="+"
    )
    trainees = models.ManyToManyField(
        "cohorts.Membership", verbose_name=_("trainees"), related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    invited_at = models.DateTimeField(_("invited at"), default=timezone.now)
    expires_at = models.DateTimeField(_("link expires at"))
    revoked_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("guest evaluator")
        verbose_name_plural = _("guest evaluators")
        ordering = ["assignment", "invited_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "user"],
                condition=models.Q(revoked_at__isnull=True),
                name="guest_one_open_per_assignment",
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.assignment}"

    @property
    def is_active(self):
        return self.revoked_at is None
