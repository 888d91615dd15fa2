"""Rubrics: criteria × levels, each level a description and points; reusable across assignments.

A rubric that scored a released review is locked (`locked_at`): its criteria and levels can no
longer change, so past scores keep their meaning. Staff copy it (`copy()`) to change it.
"""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

LOCKED_MESSAGE = _(
    "This rubric has been used in a released review and can no longer be changed; "
    "make a copy instead."
)


class Rubric(ClusterableModel):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    locked_at = models.DateTimeField(
        _("locked at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Set when a released review used this rubric."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("rubric")
        verbose_name_plural = _("rubrics")
        ordering = ["title", "pk"]

    def __str__(self):
        return self.title

    @property
    def is_locked(self):
        return self.locked_at is not None

    def clean(self):
        """A rubric that scored a released review keeps its meaning: copy it to change it."""
        super().clean()
        if self.pk and Rubric.objects.filter(pk=self.pk, locked_at__isnull=False).exists():
            raise ValidationError(LOCKED_MESSAGE, code="rubric_locked")

    @property
    def max_points(self):
        return sum(
            max((level.points for level in criterion.levels.all()), default=0)
            for criterion in self.criteria.all()
        )

    def lock(self):
        """Called when a review scored with this rubric is released."""
        if self.locked_at is None:
            self.locked_at = timezone.now()
            Rubric.objects.filter(pk=self.pk, locked_at__isnull=True).update(
                locked_at=self.locked_at
            )

    @transaction.atomic
    def copy(self, title=None):
        """A new, unlocked rubric with the same criteria and levels."""
        clone = Rubric.objects.create(
            title=title or _("%(title)s (copy)") % {"title": self.title},
            description=self.description,
        )
        for criterion in self.criteria.prefetch_related("levels"):
            new_criterion = RubricCriterion.objects.create(
                rubric=clone,
                title=criterion.title,
                description=criterion.description,
                position=criterion.position,
            )
            RubricLevel.objects.bulk_create(
                RubricLevel(
                    criterion=new_criterion,
                    title=level.title,
                    description=level.description,
                    points=level.points,
                    position=level.position,
                )
                for level in criterion.levels.all()
            )
        return clone


class _LockedByRubric(ClusterableModel):
    """Criteria and levels refuse every change once their rubric is locked."""

    class Meta:
        abstract = True

    def _rubric_id(self):
        raise NotImplementedError

    def _check_unlocked(self):
        rubric_id = self._rubric_id()
        if rubric_id and Rubric.objects.filter(pk=rubric_id, locked_at__isnull=False).exists():
            raise ValidationError(LOCKED_MESSAGE, code="rubric_locked")

    def clean(self):
        super().clean()
        self._check_unlocked()

    def save(self, *args, **kwargs):
        self._check_unlocked()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._check_unlocked()
        return super().delete(*args, **kwargs)


class RubricCriterion(_LockedByRubric):
    rubric = ParentalKey(
        Rubric, verbose_name=_("rubric"), on_delete=models.CASCADE, related_name="criteria"
    )
    title = models.CharField(_("criterion"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("rubric criterion")
        verbose_name_plural = _("rubric criteria")
        ordering = ["rubric", "position", "pk"]

    def __str__(self):
        return self.title

    def _rubric_id(self):
        return self.rubric_id


class RubricLevel(_LockedByRubric):
    criterion = ParentalKey(
        RubricCriterion,
        verbose_name=_("criterion"),
        on_delete=models.CASCADE,
        related_name="levels",
    )
    title = models.CharField(_("level"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    points = models.PositiveSmallIntegerField(_("points"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("rubric level")
        verbose_name_plural = _("rubric levels")
        ordering = ["criterion", "position", "-points", "pk"]

    def __str__(self):
        return f"{self.title} ({self.points})"

    def _rubric_id(self):
        return (
            RubricCriterion.objects.filter(pk=self.criterion_id)
            .values_list("rubric_id", flat=True)
            .first()
        )
