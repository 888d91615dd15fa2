"""The plan as it stood at a moment, handed in as an attempt at an assignment that asks for
it. Versions never change, so a snapshot is the set of each section's version of that
moment; the attempt's text holds the same plan, so the rubric review reads it as any attempt."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanSnapshot(models.Model):
    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("succession plan"),
        on_delete=models.PROTECT,
        related_name="snapshots",
    )
    submission = models.OneToOneField(
        "coursework.Submission",
        verbose_name=_("submission"),
        on_delete=models.PROTECT,
        related_name="plan_snapshot",
    )
    versions = models.ManyToManyField(
        "plans.SectionVersion", verbose_name=_("versions"), related_name="snapshots"
    )
    company = models.CharField(_("company"), max_length=200, blank=True)
    taken_at = models.DateTimeField(_("taken at"))
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("taken by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("plan snapshot")
        verbose_name_plural = _("plan snapshots")
        ordering = ["plan", "taken_at", "pk"]

    def __str__(self):
        return str(_("%(plan)s as of %(date)s") % {"plan": self.plan, "date": self.taken_at.date()})
