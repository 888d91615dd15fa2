"""A cohort's completion rules, set by staff: attendance, required assignments, named sessions."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from cohorts.uploads.storage import private_storage, random_name

DEFAULT_MIN_ATTENDANCE = 80
DEFAULT_PASS_MARK = 60


class CompletionRule(models.Model):
    """Kept beside the cohort (one-to-one), like the attendance policy."""

    cohort = models.OneToOneField(
        "cohorts.Cohort",
        verbose_name=_("cohort"),
        on_delete=models.CASCADE,
        related_name="completion_rule",
    )
    min_attendance = models.PositiveSmallIntegerField(
        _("minimum attendance (%)"),
        default=DEFAULT_MIN_ATTENDANCE,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Attended sessions among those that count (excused absences do not)."),
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=DEFAULT_PASS_MARK,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Each required assignment's released points, as a share of its points."),
    )
    required_assignments = models.ManyToManyField(
        "coursework.Assignment",
        verbose_name=_("required assignments"),
        blank=True,
        related_name="+",
        help_text=_("Each must be released at or above the pass mark."),
    )
    required_sessions = models.ManyToManyField(
        "attendance.Session",
        verbose_name=_("required sessions"),
        blank=True,
        related_name="+",
        help_text=_("Sessions each trainee must attend, such as the final presentation."),
    )
    signatory = models.CharField(
        _("signed by"),
        max_length=100,
        blank=True,
        help_text=_("Printed on the certificate, for example 塾長 山田 太郎."),
    )
    seal = models.FileField(
        _("seal image"),
        storage=private_storage,
        upload_to=random_name,
        max_length=100,
        blank=True,
        help_text=_("A PNG or JPEG image of the school's seal, printed on the certificate."),
    )
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("completion rule")
        verbose_name_plural = _("completion rules")

    def __str__(self):
        return str(self.cohort)

    def check_items(self, assignments, sessions):
        """Required assignments and sessions must be the cohort's own (the M2M is saved
        after the row, so the form passes its choices here)."""
        errors = {}
        if any(a.cohort_id != self.cohort_id for a in assignments):
            errors["required_assignments"] = _("Choose assignments of this cohort only.")
        if any(s.cohort_id != self.cohort_id for s in sessions):
            errors["required_sessions"] = _("Choose sessions of this cohort only.")
        if errors:
            raise ValidationError(errors)
