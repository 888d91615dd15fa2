"""Forms: the admin's completion rule (with the seal image checked by content), undoing a
completion, the verification code, and an alumnus's directory entry."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from cohorts.uploads.validation import validate_upload

from .models import AlumniEntry

SEAL_KINDS = ("png", "jpeg")


class CompletionRuleForm(WagtailAdminModelForm):
    """The seal must be a real PNG or JPEG (sniffed, not named); the required items must be
    the cohort's own. A private file has no URL, so the widget shows no link."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "seal" in self.fields:
            self.fields["seal"].widget = forms.FileInput(attrs={"accept": ".png,.jpg,.jpeg"})

    def clean_seal(self):
        seal = self.cleaned_data.get("seal")
        if seal and hasattr(seal, "content_type"):  # a new upload (not the stored file)
            checked = validate_upload(seal)
            if checked.kind not in SEAL_KINDS:
                raise ValidationError(
                    _("The seal must be a PNG or JPEG image."), code="seal_not_image"
                )
        return seal

    def clean(self):
        cleaned = super().clean()
        cohort = cleaned.get("cohort")
        if cohort is not None and cohort.is_archived:
            self.add_error(None, cohort.ARCHIVED_MESSAGE)
        elif cohort is not None:
            self.instance.cohort = cohort
            try:
                self.instance.check_items(
                    cleaned.get("required_assignments") or [],
                    cleaned.get("required_sessions") or [],
                )
            except ValidationError as error:
                for name, messages in error.message_dict.items():
                    self.add_error(name, messages)
        return cleaned


class UndoForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the completion undone?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Please say why the completion is undone.")},
    )


class VerifyForm(forms.Form):
    code = forms.CharField(label=_("Verification code"), max_length=60)


class AlumniEntryForm(forms.ModelForm):
    class Meta:
        model = AlumniEntry
        fields = ["company", "line"]
