"""Forms visitors and trainees fill in on the public site."""

from django import forms
from django.utils.translation import gettext_lazy as _

from academy.forms import validate_one_line

from .models import SeminarRegistration

ONE_LINE_FIELDS = ("name", "company", "email", "phone")


class SeminarRegistrationForm(forms.ModelForm):
    # A honeypot: hidden from people by CSS, filled in by naive bots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = SeminarRegistration
        fields = ["name", "company", "email", "phone", "note"]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "company": forms.TextInput(attrs={"autocomplete": "organization"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            "note": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "phone": _("Optional; only used if we must reach you on the day."),
            "note": _("Optional: questions, accessibility needs, anything we should know."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ONE_LINE_FIELDS:
            self.fields[name].validators.append(validate_one_line)

    @classmethod
    def for_user(cls, user, *args, **kwargs):
        """An empty form, pre-filled for a signed-in person."""
        if user is not None and user.is_authenticated:
            kwargs.setdefault(
                "initial", {"name": user.get_full_name() or user.display_name, "email": user.email}
            )
        return cls(*args, **kwargs)

    def is_spam(self):
        return bool(self.cleaned_data.get("website"))

    def clean_email(self):
        return self.cleaned_data["email"].strip()

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        allowed = set("0123456789+-() ")
        if phone and not set(phone) <= allowed:
            raise forms.ValidationError(
                _("Enter a phone number with digits, spaces, +, - and brackets only.")
            )
        return phone
