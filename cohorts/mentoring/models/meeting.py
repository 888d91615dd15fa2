"""A 1:1 meeting between a trainee and their mentors, and the action items agreed there.

A meeting belongs to the trainee's membership (so the access package's one trainee filter
answers who may see it). Every save carries the `version` it was based on
(cohorts.mentoring.services.meetings refuses a stale one); nothing here sends mail or checks
who is asking.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from academy.datetimes import format_date, local_date
from academy.fields import SanitizedHTMLField


class MeetingQuerySet(models.QuerySet):
    def of(self, membership):
        return self.filter(trainee=membership)

    def newest_first(self):
        return self.order_by("-held_at", "-pk")


class Meeting(models.Model):
    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")

    trainee = models.ForeignKey(
        "cohorts.Membership",
        verbose_name=_("trainee"),
        on_delete=models.PROTECT,
        related_name="meetings",
        limit_choices_to={"role": "trainee"},
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    held_at = models.DateTimeField(_("date and time"))
    mode = models.CharField(_("how"), max_length=10, choices=Mode.choices, default=Mode.IN_PERSON)
    place = models.CharField(
        _("place"),
        max_length=200,
        blank=True,
        help_text=_("Where you met, or the online tool (for example Zoom)."),
    )
    agenda = models.TextField(_("agenda"))
    notes = SanitizedHTMLField(_("notes"), blank=True)
    decisions = models.TextField(_("decisions"), blank=True)
    next_meeting_on = models.DateField(_("next meeting"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    # The create form's one-time key: the same form posted twice records one meeting.
    create_key = models.CharField(max_length=64, blank=True, editable=False)
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

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-held_at", "-pk"]
        indexes = [models.Index(fields=["trainee", "-held_at"], name="meeting_trainee_newest")]
        constraints = [
            models.UniqueConstraint(
                fields=["trainee", "create_key"],
                condition=~models.Q(create_key=""),
                name="meeting_idempotent_create",
            ),
        ]

    def __str__(self):
        return _("Meeting of %(date)s") % {"date": format_date(self.held_at)}

    def clean(self):
        errors = {}
        if self.trainee_id is not None and not self.trainee.is_trainee:
            errors["trainee"] = _("A meeting is recorded for a trainee.")
        if self.mode == self.Mode.IN_PERSON and not self.place.strip():
            errors["place"] = _("Say where you met.")
        if not (self.agenda or "").strip():
            errors["agenda"] = _("Write the agenda.")
        if (
            self.next_meeting_on is not None
            and self.held_at is not None
            and self.next_meeting_on <= local_date(self.held_at)
        ):
            errors["next_meeting_on"] = _("The next meeting comes after this one.")
        if errors:
            raise ValidationError(errors)


class ActionItem(models.Model):
    """Something to do after a meeting, owned by the trainee or one of their mentors."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="action_items"
    )
    text = models.CharField(_("action item"), max_length=300)
    owner = models.ForeignKey(
        "cohorts.Membership",
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="owned_action_items",
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["meeting", "position", "pk"]
        indexes = [models.Index(fields=["owner", "done_at"], name="actionitem_owner_open")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(done_at__isnull=True, done_by__isnull=True)
                | models.Q(done_at__isnull=False),
                name="actionitem_done_by_only_when_done",
            ),
        ]

    def __str__(self):
        return self.text

    @property
    def is_done(self):
        return self.done_at is not None

    def is_overdue(self, today):
        return not self.is_done and self.due_on is not None and self.due_on < today

    def clean(self):
        errors = {}
        if not (self.text or "").strip():
            errors["text"] = _("Write what is to be done.")
        if self.owner_id is not None and self.meeting_id is not None:
            trainee = self.meeting.trainee
            allowed = {trainee.pk, *trainee.mentors.values_list("pk", flat=True)}
            if self.owner_id not in allowed:
                errors["owner"] = _("The owner is the trainee or one of their mentors.")
        if self.done_by_id is not None and self.done_at is None:
            errors["done_at"] = _("An item marked done by someone has a time it was done.")
        if errors:
            raise ValidationError(errors)
