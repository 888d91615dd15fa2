"""A person's place in a cohort, as trainee or mentor, and the mentor pairing."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from academy.readings import person_order


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def trainees(self):
        return self.filter(role=Membership.Role.TRAINEE)

    def mentors(self):
        return self.filter(role=Membership.Role.MENTOR)

    def by_reading(self):
        """In あいうえお order of the people's readings (else names)."""
        return self.order_by(*person_order("user"))

    def of(self, user):
        """user's own active memberships."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(user=user, is_active=True)

    def paired_with(self, user):
        """Active trainee memberships paired with one of user's active mentor memberships."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        mentor_ids = Membership.objects.filter(
            user=user, role=Membership.Role.MENTOR, is_active=True
        ).values("pk")
        # Same cohort on both sides, even if a pairing across cohorts slipped past the forms.
        pairings = Membership.mentors.through.objects.filter(
            to_membership_id__in=mentor_ids,
            from_membership__cohort_id=models.F("to_membership__cohort_id"),
        )
        return self.filter(
            role=Membership.Role.TRAINEE,
            is_active=True,
            pk__in=pairings.values("from_membership_id"),
        )


class Membership(models.Model):
    class Role(models.TextChoices):
        TRAINEE = "trainee", _("Trainee")
        MENTOR = "mentor", _("Mentor")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("name"),  # 氏名: a mentor is not a 受講者 ("person" elsewhere)
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    cohort = models.ForeignKey(
        "cohorts.Cohort",
        verbose_name=_("cohort"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Untick to remove this person's access to the cohort at once."),
    )
    joined_at = models.DateTimeField(_("joined at"), default=timezone.now)
    mentors = models.ManyToManyField(
        "self",
        verbose_name=_("mentors"),
        symmetrical=False,
        blank=True,
        related_name="mentees",
        limit_choices_to={"role": "mentor"},
        help_text=_("Mentors of the same cohort paired with this trainee."),
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["cohort", "role", *person_order("user")]
        constraints = [
            models.UniqueConstraint(fields=["user", "cohort"], name="membership_one_per_cohort"),
        ]
        indexes = [models.Index(fields=["user", "is_active"], name="membership_user_active_idx")]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}, {self.cohort})"

    @property
    def is_trainee(self):
        return self.role == self.Role.TRAINEE

    @property
    def is_mentor(self):
        return self.role == self.Role.MENTOR

    def validate_mentors(self, mentors):
        """Raise ValidationError unless every given mentor membership may be paired with self."""
        mentors = list(mentors)
        if mentors and not self.is_trainee:
            raise ValidationError(_("Only a trainee is paired with mentors."))
        for mentor in mentors:
            if not mentor.is_mentor or mentor.cohort_id != self.cohort_id:
                raise ValidationError(
                    _("%(name)s is not a mentor of this cohort.") % {"name": mentor.user}
                )

    def set_mentors(self, mentors):
        self.validate_mentors(mentors)
        self.mentors.set(mentors)
