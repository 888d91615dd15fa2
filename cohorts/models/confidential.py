"""Who read a trainee's confidential material (succession plan, meeting notes), and when.

A plan or meeting notes may hold family and financial details: every view by someone other
than the trainee leaves one row here (cohorts.services.confidential.record_view), which staff
can read. Feature apps point at their object by content type and id, as audit entries do, so
the kernel needs no knowledge of them.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ConfidentialViewQuerySet(models.QuerySet):
    def about(self, membership):
        return self.filter(trainee=membership)

    def newest_first(self):
        return self.order_by("-viewed_at", "-pk")


class ConfidentialView(models.Model):
    trainee = models.ForeignKey(
        "cohorts.Membership",
        verbose_name=_("trainee"),
        on_delete=models.CASCADE,
        related_name="confidential_views",
    )
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("viewer"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    # Kept when the viewer's account is later deleted.
    viewer_name = models.CharField(_("viewer's name"), max_length=255)
    viewed_at = models.DateTimeField(_("viewed at"), default=timezone.now, db_index=True)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("kind"), on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("what"), max_length=255)
    path = models.CharField(_("page"), max_length=500, blank=True)

    objects = ConfidentialViewQuerySet.as_manager()

    class Meta:
        verbose_name = _("confidential view")
        verbose_name_plural = _("confidential views")
        ordering = ["-viewed_at", "-pk"]
        indexes = [models.Index(fields=["trainee", "-viewed_at"], name="confview_trainee_newest")]

    def __str__(self):
        return f"{self.viewer_name} · {self.object_repr}"
