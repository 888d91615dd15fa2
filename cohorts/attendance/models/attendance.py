"""One attendance record per trainee and session: status, note, who recorded it and how."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AttendanceQuerySet(models.QuerySet):
    def attended(self):
        return self.filter(status__in=Attendance.ATTENDED)


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", pgettext_lazy("attendance", "Present")
        LATE = "late", pgettext_lazy("attendance", "Late")
        EXCUSED = "excused", pgettext_lazy("attendance", "Excused")
        ABSENT = "absent", pgettext_lazy("attendance", "Absent")

    class How(models.TextChoices):
        ROSTER = "roster", _("Roster")
        SELF_CHECKIN = "self_checkin", _("Self check-in")
        CORRECTION = "correction", _("Correction")

    ATTENDED = (Status.PRESENT, Status.LATE)

    session = models.ForeignKey(
        "attendance.Session",
        verbose_name=_("session"),
        on_delete=models.PROTECT,  # an audited record is not lost with its session
        related_name="attendances",
    )
    membership = models.ForeignKey(
        "cohorts.Membership",
        verbose_name=_("trainee"),
        on_delete=models.PROTECT,
        related_name="attendances",
        limit_choices_to={"role": "trainee"},
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    how = models.CharField(_("recorded by way of"), max_length=16, choices=How.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("attendance record")
        verbose_name_plural = _("attendance records")
        ordering = ["session", "membership"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "membership"], name="attendance_one_per_trainee"
            ),
        ]

    def __str__(self):
        return f"{self.membership.user} · {self.session}"

    def clean(self):
        if (
            self.session_id
            and self.membership_id
            and (
                self.membership.cohort_id != self.session.cohort_id
                or not self.membership.is_trainee
            )
        ):
            raise ValidationError({"membership": _("Choose a trainee of the session's cohort.")})

    @property
    def attended(self):
        return self.status in self.ATTENDED
