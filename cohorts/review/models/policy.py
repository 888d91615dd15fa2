"""Who releases in a cohort: mentors directly (no row, or staff_release off), or staff after
a check (mentors mark a review ready; staff release an assignment's ready reviews together)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReleasePolicy(models.Model):
    cohort = models.OneToOneField(
        "cohorts.Cohort",
        verbose_name=_("cohort"),
        on_delete=models.CASCADE,
        related_name="review_policy",
    )
    staff_release = models.BooleanField(
        _("staff release reviews"),
        default=False,
        help_text=_(
            "Mentors mark a review ready; the office checks and releases it. "
            "Off: mentors release their reviews themselves."
        ),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("release policy")
        verbose_name_plural = _("release policies")

    def __str__(self):
        return str(self.cohort)
