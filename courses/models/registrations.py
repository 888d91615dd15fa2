"""A visitor's seat (or place on the waiting list) at a seminar; no account needed."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


def new_token():
    return secrets.token_urlsafe(24)


class RegistrationQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=SeminarRegistration.Status.CONFIRMED)

    def waitlisted(self):
        return self.filter(status=SeminarRegistration.Status.WAITLISTED)

    def active(self):
        return self.exclude(status=SeminarRegistration.Status.CANCELLED)

    def for_email(self, email):
        return self.filter(email__iexact=email.strip())

    def waiting_order(self):
        return self.waitlisted().order_by("created_at", "pk")

    def active_for_user(self, seminar, user):
        """The signed-in person's live registration at this seminar, if any."""
        if user is None or not user.is_authenticated:
            return None
        return (
            self.active()
            .filter(seminar=seminar)
            .filter(models.Q(user=user) | models.Q(email__iexact=user.email))
            .first()
        )


class SeminarRegistration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    seminar = models.ForeignKey(
        "courses.SeminarPage",
        verbose_name=_("seminar"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="seminar_registrations",
    )
    name = models.CharField(_("name"), max_length=100)
    company = models.CharField(_("company"), max_length=200)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=2000)
    language = models.CharField(_("language"), max_length=10, default="ja")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONFIRMED
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    promoted_at = models.DateTimeField(_("moved off the waiting list at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("seminar registration")
        verbose_name_plural = _("seminar registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "seminar",
                condition=~models.Q(status="cancelled"),
                name="one_active_registration_per_email",
            )
        ]
        indexes = [models.Index(fields=["seminar", "status", "created_at"])]

    def __str__(self):
        return f"{self.name} <{self.email}>"

    @property
    def is_active(self):
        return self.status != self.Status.CANCELLED
