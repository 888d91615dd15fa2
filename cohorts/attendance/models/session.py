"""A cohort's scheduled meeting, with its check-in code and window."""

import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

CODE_LENGTH = 6


def new_checkin_code():
    """Six random digits (a leading zero is kept: the code is text)."""
    return f"{secrets.randbelow(10**CODE_LENGTH):0{CODE_LENGTH}d}"


class SessionQuerySet(models.QuerySet):
    def upcoming(self, moment=None):
        return self.filter(ends_at__gte=moment or timezone.now())

    def past(self, moment=None):
        return self.filter(ends_at__lt=moment or timezone.now())

    def of_cohorts(self, cohort_ids):
        return self.filter(cohort_id__in=cohort_ids)


class Session(models.Model):
    cohort = models.ForeignKey(
        "cohorts.Cohort",
        verbose_name=_("cohort"),
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    seminar = models.ForeignKey(
        "courses.SeminarPage",
        verbose_name=_("seminar page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    notes = models.TextField(_("notes"), blank=True)
    checkin_code = models.CharField(
        _("check-in code"),
        max_length=CODE_LENGTH,
        default=new_checkin_code,
        help_text=_("Six digits that trainees type to check in (shown with the QR code)."),
    )
    checkin_opens_before = models.PositiveSmallIntegerField(
        _("check-in opens (minutes before the start)"), default=15
    )
    checkin_closes_after = models.PositiveSmallIntegerField(
        _("check-in closes (minutes after the start)"), default=30
    )
    late_after = models.PositiveSmallIntegerField(
        _("grace period (minutes)"),
        default=5,
        help_text=_("A check-in later than this many minutes after the start counts as late."),
    )
    reminder_sent_at = models.DateTimeField(
        _("reminder sent at"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["cohort", "starts_at"], name="session_cohort_start_idx")]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The end must be after the start.")
        code = self.checkin_code or ""
        if not (len(code) == CODE_LENGTH and code.isascii() and code.isdigit()):
            errors["checkin_code"] = _("The check-in code is six digits.")
        if (
            self.late_after is not None
            and self.checkin_closes_after is not None
            and self.late_after > self.checkin_closes_after
        ):
            errors["late_after"] = _("The grace period cannot end after the check-in closes.")
        if errors:
            raise ValidationError(errors)

    # The check-in window ----------------------------------------------------------------------

    @property
    def checkin_opens_at(self):
        return self.starts_at - timedelta(minutes=self.checkin_opens_before)

    @property
    def checkin_closes_at(self):
        return self.starts_at + timedelta(minutes=self.checkin_closes_after)

    @property
    def late_from(self):
        """A check-in at this moment or later is late."""
        return self.starts_at + timedelta(minutes=self.late_after)

    def checkin_is_open(self, moment=None):
        moment = moment or timezone.now()
        return self.checkin_opens_at <= moment < self.checkin_closes_at

    def checkin_status(self, moment=None):
        """The status a self check-in at moment gets: present, or late after the grace."""
        from .attendance import Attendance

        moment = moment or timezone.now()
        return Attendance.Status.LATE if moment >= self.late_from else Attendance.Status.PRESENT
