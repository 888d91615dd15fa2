"""Assignments a cohort's trainees hand work in for, and per-trainee extensions."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from academy.fields import SanitizedHTMLField
from cohorts.uploads.kinds import KINDS


def is_past(deadline, moment=None):
    """A deadline of 23:59 covers the whole minute: late from 00:00:00 the next day."""
    end_of_minute = deadline.replace(second=59, microsecond=999999)
    return (moment or timezone.now()) > end_of_minute


class Assignment(models.Model):
    class LatePolicy(models.TextChoices):
        ACCEPT = "accept", _("Accept late work and flag it")
        CUTOFF = "cutoff", _("Accept late work until a cut-off date")
        REFUSE = "refuse", _("Refuse work after the due date")

    class Parts(models.TextChoices):
        TEXT = "text", _("Text")
        FILES = "files", _("Files")
        BOTH = "both", _("Text and files")
        EITHER = "either", _("Text or files")

    cohort = models.ForeignKey(
        "cohorts.Cohort",
        verbose_name=_("cohort"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    lesson = models.ForeignKey(
        "courses.LessonPage",
        verbose_name=_("lesson"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assignments",
    )
    title = models.CharField(_("title"), max_length=200)
    brief = SanitizedHTMLField(
        _("brief"), blank=True, help_text=_("What the trainee should do (simple HTML allowed).")
    )
    opens_at = models.DateTimeField(_("opens at"), default=timezone.now)
    due_at = models.DateTimeField(_("due at"))
    late_policy = models.CharField(
        _("late work"), max_length=10, choices=LatePolicy.choices, default=LatePolicy.ACCEPT
    )
    cutoff_at = models.DateTimeField(
        _("cut-off"),
        null=True,
        blank=True,
        help_text=_("Last moment late work is accepted (with the cut-off policy)."),
    )
    points = models.PositiveSmallIntegerField(_("points"), default=100)
    rubric = models.ForeignKey(
        "coursework.Rubric",
        verbose_name=_("rubric"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("attempts allowed"),
        null=True,
        blank=True,
        default=1,
        help_text=_("1 means no resubmission; leave empty for no limit."),
    )
    parts = models.CharField(
        _("required parts"), max_length=10, choices=Parts.choices, default=Parts.EITHER
    )
    file_types = models.JSONField(
        _("accepted file types"),
        default=list,
        blank=True,
        help_text=_("Leave empty to accept every allowed type."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    announced_at = models.DateTimeField(
        _("announced at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When its cohort's trainees were told it is open (once, ever)."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["due_at", "pk"]
        indexes = [models.Index(fields=["cohort", "due_at"], name="assignment_cohort_due_idx")]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.opens_at and self.due_at and self.due_at < self.opens_at:
            errors["due_at"] = _("The due date cannot be before the opening date.")
        if self.late_policy == self.LatePolicy.CUTOFF:
            if not self.cutoff_at:
                errors["cutoff_at"] = _("Give the cut-off date for this late policy.")
            elif self.due_at and self.cutoff_at < self.due_at:
                errors["cutoff_at"] = _("The cut-off cannot be before the due date.")
        if (
            self.lesson_id
            and self.cohort_id
            and not self.lesson.path.startswith(self.cohort.course.path)
        ):
            errors["lesson"] = _("Choose a lesson of the cohort's course.")
        unknown = [key for key in self.file_types or [] if key not in KINDS]
        if unknown:
            errors["file_types"] = _("Unknown file types: %(types)s.") % {
                "types": ", ".join(map(str, unknown))
            }
        if self.max_attempts == 0:
            errors["max_attempts"] = _("Allow at least one attempt.")
        if errors:
            raise ValidationError(errors)

    # Rules about time, for one trainee ------------------------------------------------------

    def extension_for(self, membership):
        if membership is None:
            return None
        cache = getattr(self, "_extension_cache", None)
        if cache is not None:
            return cache.get(membership.pk)
        return self.extensions.filter(membership=membership).first()

    def due_for(self, membership):
        """The effective due date: the trainee's extension wins over the assignment's."""
        extension = self.extension_for(membership)
        return extension.due_at if extension else self.due_at

    def closes_for(self, membership):
        """The last moment work is accepted, or None when late work is always accepted."""
        due = self.due_for(membership)
        if self.late_policy == self.LatePolicy.REFUSE:
            return due
        if self.late_policy == self.LatePolicy.CUTOFF:
            return max(self.cutoff_at or due, due)
        return None

    def is_open(self, moment=None):
        return (moment or timezone.now()) >= self.opens_at

    def is_late(self, membership, moment=None):
        return is_past(self.due_for(membership), moment)

    def is_closed_for(self, membership, moment=None):
        closes = self.closes_for(membership)
        return closes is not None and is_past(closes, moment)

    @property
    def allows_resubmission(self):
        return self.max_attempts is None or self.max_attempts > 1

    @property
    def needs_text(self):
        return self.parts in (self.Parts.TEXT, self.Parts.BOTH)

    @property
    def needs_files(self):
        return self.parts in (self.Parts.FILES, self.Parts.BOTH)

    @property
    def takes_files(self):
        return self.parts != self.Parts.TEXT

    @property
    def takes_text(self):
        return self.parts != self.Parts.FILES

    def file_type_labels(self):
        return [str(KINDS[key].label) for key in self.file_types or KINDS if key in KINDS]


class Extension(models.Model):
    """A new due date for one trainee, granted with a reason; it decides their lateness."""

    assignment = models.ForeignKey(
        Assignment,
        verbose_name=_("assignment"),
        on_delete=models.CASCADE,
        related_name="extensions",
    )
    membership = models.ForeignKey(
        "cohorts.Membership",
        verbose_name=_("trainee"),
        on_delete=models.PROTECT,  # an audited grant is not lost with a membership
        related_name="extensions",
        limit_choices_to={"role": "trainee"},
    )
    due_at = models.DateTimeField(_("new due date"))
    reason = models.TextField(_("reason"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)

    class Meta:
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        ordering = ["assignment", "membership"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "membership"], name="extension_one_per_trainee"
            ),
        ]

    def __str__(self):
        return f"{self.membership.user} · {self.assignment}"

    def clean(self):
        """The rules every screen that grants an extension shares (site and admin)."""
        errors = {}
        if (
            self.assignment_id
            and self.membership_id
            and (
                self.membership.cohort_id != self.assignment.cohort_id
                or not self.membership.is_trainee
            )
        ):
            errors["membership"] = _("Choose a trainee of the assignment's cohort.")
        if self.assignment_id and self.due_at and self.due_at <= self.assignment.due_at:
            errors["due_at"] = _("The new due date must be later than the assignment's.")
        if not (self.reason or "").strip():
            errors["reason"] = _("Please give a reason for the extension.")
        if errors:
            raise ValidationError(errors)
