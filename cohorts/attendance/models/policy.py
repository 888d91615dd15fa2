"""A cohort's attendance threshold, and the warnings already sent (once per trigger)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DEFAULT_THRESHOLD = 80


class AttendancePolicy(models.Model):
    """Kept beside the cohort (one-to-one) so the kernel's table stays as it is."""

    cohort = models.OneToOneField(
        "cohorts.Cohort",
        verbose_name=_("cohort"),
        on_delete=models.CASCADE,
        related_name="attendance_policy",
    )
    threshold = models.PositiveSmallIntegerField(
        _("attendance threshold (%)"),
        default=DEFAULT_THRESHOLD,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Mentors and staff are told when a trainee's attendance falls below this."),
    )

    class Meta:
        verbose_name = _("attendance policy")
        verbose_name_plural = _("attendance policies")

    def __str__(self):
        return f"{self.cohort} · {self.threshold}%"


class AbsenceWarning(models.Model):
    """One warning e-mail sent about a trainee; its (kind, key) is the trigger it answered."""

    class Kind(models.TextChoices):
        TWICE_IN_A_ROW = "twice", _("Absent twice in a row")
        BELOW_THRESHOLD = "threshold", _("Below the attendance threshold")

    membership = models.ForeignKey(
        "cohorts.Membership",
        verbose_name=_("trainee"),
        on_delete=models.CASCADE,
        related_name="absence_warnings",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    key = models.CharField(
        _("trigger"),
        max_length=40,
        help_text=_("Twice in a row: the first session of the run; threshold: the dip's start."),
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    cleared_at = models.DateTimeField(_("cleared at"), null=True, blank=True)

    class Meta:
        verbose_name = _("absence warning")
        verbose_name_plural = _("absence warnings")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "kind", "key"], name="absence_warning_once_per_trigger"
            ),
        ]

    def __str__(self):
        return f"{self.membership.user} · {self.get_kind_display()}"
