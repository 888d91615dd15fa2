"""A cohort's meeting policy: how long a trainee may go without a mentor meeting."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_GAP_WEEKS = 6


class MentoringPolicy(models.Model):
    """Kept beside the cohort (one-to-one) so the kernel's table stays as it is."""

    cohort = models.OneToOneField(
        "cohorts.Cohort",
        verbose_name=_("cohort"),
        on_delete=models.CASCADE,
        related_name="mentoring_policy",
    )
    gap_weeks = models.PositiveSmallIntegerField(
        _("weeks without a meeting"),
        default=DEFAULT_GAP_WEEKS,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
        help_text=_(
            "A trainee whom no mentor has met for this many weeks is flagged on the office's "
            "today page."
        ),
    )

    class Meta:
        verbose_name = _("meeting policy")
        verbose_name_plural = _("meeting policies")

    def __str__(self):
        return f"{self.cohort} · {self.gap_weeks}"
