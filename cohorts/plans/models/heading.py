"""Section titles of a course's plans. A course without titles of its own uses the school's
defaults, modelled on the common 事業承継計画 templates (English names for the English UI,
Japanese from the catalogue)."""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

# (key, title): the key names a default section for good; the title is translated.
DEFAULT_HEADINGS = [
    ("company", _("Company overview")),
    ("owner", _("The current owner's intentions")),
    ("vision", _("The successor's vision")),
    ("team", _("Management team")),
    ("finances", _("Financial position")),
    ("stakeholders", _("Stakeholders (family, employees, banks, customers)")),
    ("schedule", _("Succession timeline")),
    ("risks", _("Risks and how to meet them")),
]
DEFAULT_TITLES = dict(DEFAULT_HEADINGS)


class PlanHeading(models.Model):
    """One section title of the plans of a course's trainees, in its place."""

    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="plan_headings",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=100, help_text=_("In Japanese."))
    title_en = models.CharField(
        _("title in English"),
        max_length=100,
        blank=True,
        help_text=_("Shown on the English site; leave empty to show the Japanese title."),
    )

    class Meta:
        verbose_name = _("plan section title")
        verbose_name_plural = _("plan section titles")
        ordering = ["course", "position", "pk"]

    def __str__(self):
        return self.display_title

    @property
    def display_title(self):
        if self.title_en and translation.get_language() == "en":
            return self.title_en
        return self.title
