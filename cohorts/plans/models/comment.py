"""A mentor's comment on a plan section, anchored to the version they read; open until the
trainee or the commenter resolves it (who and when are kept)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SectionCommentQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)


class SectionComment(models.Model):
    section = models.ForeignKey(
        "plans.PlanSection",
        verbose_name=_("section"),
        on_delete=models.PROTECT,
        related_name="comments",
    )
    version = models.ForeignKey(
        "plans.SectionVersion",
        verbose_name=_("version read"),
        on_delete=models.PROTECT,
        related_name="comments",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    author_name = models.CharField(_("author"), max_length=255)
    body = models.TextField(_("comment"), max_length=5000)
    created_at = models.DateTimeField(_("written at"), default=timezone.now, editable=False)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolved_by_name = models.CharField(_("resolved by"), max_length=255, blank=True)

    objects = SectionCommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("section comment")
        verbose_name_plural = _("section comments")
        ordering = ["section", "created_at", "pk"]
        indexes = [models.Index(fields=["section", "resolved_at"], name="plan_comment_open_idx")]

    def __str__(self):
        return f"{self.author_name} · {self.section}"

    @property
    def is_open(self):
        return self.resolved_at is None
