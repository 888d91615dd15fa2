"""A cohort: one year's group of trainees and mentors following a course."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _


class CohortQuerySet(models.QuerySet):
    def with_counts(self):
        return self.annotate(
            trainee_count=Count(
                "memberships",
                filter=Q(memberships__role="trainee", memberships__is_active=True),
            ),
            mentor_count=Count(
                "memberships",
                filter=Q(memberships__role="mentor", memberships__is_active=True),
            ),
        )


class Cohort(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")
        ARCHIVED = "archived", _("Archived")

    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.PROTECT,
        related_name="cohorts",
    )
    name = models.CharField(
        _("cohort name"), max_length=100, help_text=_("For example 2026 第1期.")
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    behind_after_overdue = models.PositiveSmallIntegerField(
        _("falling behind from overdue assignments"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_(
            "A trainee is flagged as falling behind once this many assignments are past due "
            "with nothing handed in (or when their attendance is below the attendance threshold)."
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = CohortQuerySet.as_manager()

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "name"], name="cohort_unique_name_per_course"
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end date cannot be before the start date.")})

    # What every write path refuses with once a cohort is archived (frozen for the record).
    ARCHIVED_MESSAGE = _(
        "This cohort is archived: its records can be read and exported but no longer changed."
    )

    @property
    def is_archived(self):
        """Archived: read-only everywhere (no submissions, reviews, attendance, plans, notes)."""
        return self.status == self.Status.ARCHIVED

    @property
    def accepts_new_work(self):
        """A finished or archived cohort stays readable to its members but takes no new work."""
        return self.status in (self.Status.PLANNED, self.Status.RUNNING)
