"""Forms for cohorts: staff's admin forms, the invitation forms and the roster upload."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from academy.forms import OneLineCharField
from academy.readings import person_order, validate_reading

from .models import Cohort, Membership


class MentorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.user} — {obj.cohort}"


def mentor_choices():
    return (
        Membership.objects.mentors()
        .active()
        .select_related("user", "cohort")
        .order_by("cohort", *person_order("user"))
    )


class MembershipAdminForm(WagtailAdminModelForm):
    """Membership in the Wagtail admin: mentors must be active mentors of the same cohort."""

    mentors = MentorChoiceField(
        queryset=Membership.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("mentors"),
        help_text=_("Trainees only: mentors of the same cohort."),
    )

    class Meta:
        model = Membership
        fields = ["user", "cohort", "role", "is_active", "mentors"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = mentor_choices()
        if self.instance.pk:
            choices = choices.filter(cohort=self.instance.cohort_id).exclude(pk=self.instance.pk)
        self.fields["mentors"].queryset = choices

    def clean(self):
        cleaned = super().clean()
        cohort, role = cleaned.get("cohort"), cleaned.get("role")
        mentors = cleaned.get("mentors") or []
        if cohort and role:
            probe = Membership(cohort=cohort, role=role)
            try:
                probe.validate_mentors(mentors)
            except ValidationError as error:
                self.add_error("mentors", error)
        instance = self.instance
        moved = role != Membership.Role.MENTOR or (cohort and cohort.pk != instance.cohort_id)
        was_mentor = instance.pk and instance.role == Membership.Role.MENTOR
        if was_mentor and moved and instance.mentees.exists():
            self.add_error(
                None,
                _(
                    "This mentor is paired with trainees: unpair them before changing "
                    "role or cohort."
                ),
            )
        return cleaned


class InvitePersonForm(forms.Form):
    cohort = forms.ModelChoiceField(
        queryset=Cohort.objects.exclude(status=Cohort.Status.ARCHIVED), label=_("cohort")
    )
    email = forms.EmailField(label=_("e-mail address"))
    name = OneLineCharField(
        label=_("name"),
        max_length=150,
        required=False,
        help_text=_("Required for a person without an account."),
    )
    reading = forms.CharField(
        label=_("reading of the name"),
        max_length=150,
        required=False,
        validators=[validate_reading],
        help_text=_("In katakana or hiragana (フリガナ), e.g. サトウ ケンタ; lists sort by it."),
    )
    role = forms.ChoiceField(choices=Membership.Role.choices, label=_("role"))
    mentors = MentorChoiceField(
        queryset=Membership.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("mentors"),
        help_text=_("Trainees only: mentors of the same cohort."),
    )
    language = forms.ChoiceField(
        choices=settings.LANGUAGES, initial="ja", label=_("language of the e-mail")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentors"].queryset = mentor_choices()

    def clean(self):
        cleaned = super().clean()
        cohort, role, email = cleaned.get("cohort"), cleaned.get("role"), cleaned.get("email")
        mentors = list(cleaned.get("mentors") or [])
        if cohort and role:
            try:
                Membership(cohort=cohort, role=role).validate_mentors(mentors)
            except ValidationError as error:
                self.add_error("mentors", error)
        if email:
            user = get_user_model().objects.filter(email__iexact=email).first()
            if user is None and not cleaned.get("name"):
                self.add_error("name", _("Enter a name for a person without an account."))
            if user is not None and cohort and user.memberships.filter(cohort=cohort).exists():
                self.add_error("email", _("Already a member of this cohort."))
        return cleaned


class RosterUploadForm(forms.Form):
    cohort = forms.ModelChoiceField(
        queryset=Cohort.objects.exclude(status=Cohort.Status.ARCHIVED), label=_("cohort")
    )
    file = forms.FileField(
        label=_("roster CSV"),
        help_text=_("UTF-8 or Shift_JIS (Excel's “CSV”); see the template for the columns."),
    )


class AcceptInvitationForm(SetPasswordForm):
    """Choose a password (Django's password validators apply)."""
