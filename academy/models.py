"""Site-wide models: the user, and the append-only audit trail every domain app writes to."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _

from .audit_display import action_label
from .datetimes import format_datetime
from .outbox import OutgoingEmail as OutgoingEmail  # the e-mail outbox (academy.mail)
from .readings import normalize_reading, person_order, validate_reading


class UserQuerySet(models.QuerySet):
    def by_reading(self):
        """In あいうえお order: by reading, else by name, then e-mail."""
        return self.order_by(*person_order())


class AccountManager(UserManager.from_queryset(UserQuerySet)):
    """Users are identified by e-mail; there is no username."""

    use_in_migrations = True

    def _create_user_object(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.password = ""
        user.set_password(password) if password else user.set_unusable_password()
        return user

    def _create_user(self, email, password, **extra_fields):
        user = self._create_user_object(email, password, **extra_fields)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(
        _("display name"), max_length=150, blank=True, help_text=_("How the school addresses you.")
    )
    name_reading = models.CharField(
        _("reading of the name"),
        max_length=150,
        blank=True,
        validators=[validate_reading],
        help_text=_("In katakana or hiragana (フリガナ), e.g. サトウ ケンタ; lists sort by it."),
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="ja",
        help_text=_("Language of the site and of the e-mails you receive."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = AccountManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = person_order()

    def __str__(self):
        return self.get_full_name()

    def get_full_name(self):
        full = self.display_name or f"{self.last_name} {self.first_name}".strip()
        return full or self.email

    def clean(self):
        super().clean()
        self.name_reading = normalize_reading(self.name_reading)

    def save(self, *args, **kwargs):
        self.name_reading = normalize_reading(self.name_reading)
        super().save(*args, **kwargs)

    def get_short_name(self):
        return self.display_name or self.first_name or self.email


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionDenied("Audit entries are append-only.")

    def delete(self):
        raise PermissionDenied("Audit entries are append-only.")

    def for_object(self, obj):
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=str(obj.pk),
        )


class AuditEntry(models.Model):
    """Who changed what, when, from what to what. Never edited, never deleted."""

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("object type"), on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=255)
    action = models.CharField(_("action"), max_length=64)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        # Django's own machinery (related lookups, deletion) uses the base manager:
        # make it the append-only one too, so no code path can update or delete in bulk.
        base_manager_name = "objects"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        when = f"{format_datetime(self.created_at)} " if self.created_at else ""
        return f"{when}{action_label(self.action)} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None or not self._state.adding:
            raise PermissionDenied("Audit entries are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("Audit entries are append-only.")
