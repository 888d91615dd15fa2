"""The alumni directory: one entry per alumnus who opted in; opting out deletes it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AlumniEntry(models.Model):
    membership = models.OneToOneField(
        "cohorts.Membership",
        verbose_name=_("trainee"),
        on_delete=models.CASCADE,
        related_name="alumni_entry",
    )
    company = models.CharField(_("company"), max_length=100, blank=True)
    line = models.CharField(
        _("a short line"),
        max_length=140,
        blank=True,
        help_text=_("For example what you do now, or what you would like to talk about."),
    )
    created_at = models.DateTimeField(_("listed since"), auto_now_add=True)

    class Meta:
        verbose_name = _("alumni directory entry")
        verbose_name_plural = _("alumni directory entries")

    def __str__(self):
        return str(self.membership)
