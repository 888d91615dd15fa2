"""A review of one submitted attempt, its rubric scores, and what the trainee was shown.

Review is the working copy mentors and staff edit; every save carries the `version` it was
based on (cohorts.review.services.reviews refuses a stale one). A release or a return for
revision publishes a ReviewRelease: a frozen copy of the scores, points (with the assignment's
points at that moment), feedback and reason. Trainees read only ReviewReleases, so a draft,
a correction in progress or a private note never reaches them, and each correction is a new
ReviewRelease beside the earlier ones.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from academy.fields import SanitizedHTMLField


class Review(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        READY = "ready", _("Ready for release")
        RELEASED = "released", _("Released")
        RETURNED = "returned", _("Returned for revision")

    submission = models.OneToOneField(
        "coursework.Submission",
        verbose_name=_("submission"),
        on_delete=models.PROTECT,
        related_name="review",
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default="draft")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assigned_to = models.ForeignKey(
        "cohorts.Membership",
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_reviews",
        limit_choices_to={"role": "mentor"},
    )
    feedback = SanitizedHTMLField(_("feedback"), blank=True)
    revision_request = models.TextField(_("what to revise"), blank=True)
    private_note = models.TextField(_("private note"), blank=True)
    manual_points = models.DecimalField(
        _("points"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    adjustment = models.DecimalField(_("adjustment"), max_digits=7, decimal_places=2, default=0)
    adjustment_reason = models.CharField(_("reason for the adjustment"), max_length=300, blank=True)
    points = models.DecimalField(_("points"), max_digits=7, decimal_places=2, null=True, blank=True)
    points_possible = models.PositiveSmallIntegerField(_("out of"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["submission"]
        indexes = [models.Index(fields=["state"], name="review_state_idx")]

    def __str__(self):
        return str(self.submission)

    @property
    def is_published(self):
        return self.state in (self.State.RELEASED, self.State.RETURNED)


class CriterionScore(models.Model):
    """The level chosen for one criterion, by a mentor or by a guest evaluator."""

    review = models.ForeignKey(
        Review, verbose_name=_("review"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        "coursework.RubricCriterion",
        verbose_name=_("criterion"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    level = models.ForeignKey(
        "coursework.RubricLevel",
        verbose_name=_("level"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("scored by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    guest = models.ForeignKey(
        "review.GuestEvaluator",
        verbose_name=_("guest evaluator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="scores",
    )
    scored_at = models.DateTimeField(_("scored at"), auto_now=True)

    class Meta:
        verbose_name = _("criterion score")
        verbose_name_plural = _("criterion scores")
        ordering = ["review", "criterion__position", "criterion"]
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="score_one_per_criterion")
        ]

    def __str__(self):
        return f"{self.criterion} · {self.level}"


class ReviewRelease(models.Model):
    """What the trainee was shown, frozen at the moment it was released or returned."""

    class Outcome(models.TextChoices):
        RELEASED = "released", _("Released")
        RETURNED = "returned", _("Returned for revision")

    review = models.ForeignKey(
        Review, verbose_name=_("review"), on_delete=models.PROTECT, related_name="releases"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    review_version = models.PositiveIntegerField(
        _("review version"), default=0, help_text=_("The review's version that was published.")
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    feedback = SanitizedHTMLField(_("feedback"), blank=True)
    revision_request = models.TextField(_("what to revise"), blank=True)
    scores = models.JSONField(_("scores"), default=list, blank=True)
    adjustment = models.DecimalField(_("adjustment"), max_digits=7, decimal_places=2, default=0)
    adjustment_reason = models.CharField(_("reason for the adjustment"), max_length=300, blank=True)
    points = models.DecimalField(_("points"), max_digits=7, decimal_places=2, null=True, blank=True)
    points_possible = models.PositiveSmallIntegerField(_("out of"), null=True, blank=True)
    author_name = models.CharField(_("written by"), max_length=150, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("released by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    released_at = models.DateTimeField(_("released at"))
    seen_at = models.DateTimeField(_("opened by the trainee at"), null=True, blank=True)

    class Meta:
        verbose_name = _("released review")
        verbose_name_plural = _("released reviews")
        ordering = ["review", "number"]
        constraints = [
            models.UniqueConstraint(fields=["review", "number"], name="release_one_per_number")
        ]

    def __str__(self):
        return f"{self.review} · {self.number}"

    @property
    def is_correction(self):
        return self.number > 1

    @property
    def is_returned(self):
        return self.outcome == self.Outcome.RETURNED


class ReviewMarker(models.Model):
    """ "Being reviewed by X since 10:42": a soft marker, never a lock."""

    submission = models.OneToOneField(
        "coursework.Submission", on_delete=models.CASCADE, related_name="review_marker"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    since = models.DateTimeField()

    class Meta:
        verbose_name = _("review marker")
        verbose_name_plural = _("review markers")

    def __str__(self):
        return f"{self.submission} · {self.user}"
