"""A trainee's living plan, its sections, and each section's versions.

Nothing is overwritten or deleted: a save is a new SectionVersion (number, author, time,
sanitized body), and the model and its queryset refuse to change or delete one. The unique
(section, number) constraint makes two saves at once unable to both win.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from academy.fields import SanitizedHTMLField

from .heading import DEFAULT_TITLES


class ImmutableVersionError(Exception):
    """Raised on any attempt to change or delete a saved version."""


class Plan(models.Model):
    """The succession plan of one trainee membership (one per membership)."""

    membership = models.OneToOneField(
        "cohorts.Membership",
        verbose_name=_("trainee"),
        on_delete=models.PROTECT,
        related_name="plan",
        limit_choices_to={"role": "trainee"},
    )
    company = models.CharField(_("company"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("succession plan")
        verbose_name_plural = _("succession plans")
        ordering = ["membership"]

    def __str__(self):
        return str(_("Succession plan of %(name)s") % {"name": self.membership.user})


class PlanSection(models.Model):
    """One section of a plan: a course's own title (heading) or a school default (key)."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("succession plan"), on_delete=models.PROTECT, related_name="sections"
    )
    heading = models.ForeignKey(
        "plans.PlanHeading",
        verbose_name=_("title"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,  # a title in use stays: its sections' versions point at it
        related_name="sections",
    )
    default_key = models.CharField(_("default section"), max_length=32, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("plan section")
        verbose_name_plural = _("plan sections")
        ordering = ["plan", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "heading"],
                condition=models.Q(heading__isnull=False),
                name="plan_section_one_per_heading",
            ),
            models.UniqueConstraint(
                fields=["plan", "default_key"],
                condition=~models.Q(default_key=""),
                name="plan_section_one_per_default",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(heading__isnull=False, default_key="")
                    | models.Q(heading__isnull=True) & ~models.Q(default_key="")
                ),
                name="plan_section_heading_or_default",
            ),
        ]

    def __str__(self):
        return str(self.title)

    @property
    def title(self):
        if self.heading_id is not None:
            return self.heading.display_title
        return DEFAULT_TITLES.get(self.default_key, self.default_key)


class SectionVersionQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImmutableVersionError("A saved version cannot be changed.")

    def delete(self):
        raise ImmutableVersionError("A saved version cannot be deleted.")


class SectionVersion(models.Model):
    section = models.ForeignKey(
        PlanSection, verbose_name=_("section"), on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    body = SanitizedHTMLField(_("text"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    author_name = models.CharField(_("author"), max_length=255)  # kept if the account goes
    created_at = models.DateTimeField(_("saved at"), default=timezone.now, editable=False)

    objects = SectionVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("section version")
        verbose_name_plural = _("section versions")
        ordering = ["section", "number"]
        constraints = [
            models.UniqueConstraint(fields=["section", "number"], name="section_version_unique"),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="section_version_positive"
            ),
        ]

    def __str__(self):
        return str(
            _("%(section)s, version %(number)d")
            % {"section": self.section.title, "number": self.number}
        )

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ImmutableVersionError("A saved version cannot be changed; save a new one.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableVersionError("A saved version cannot be deleted.")
