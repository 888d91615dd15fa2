"""Forms for assignments and submissions (cohorts/forms.py holds the cohort forms)."""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import Assignment
from .uploads.kinds import KIND_CHOICES, accept_attribute
from .uploads.validation import validate_uploads


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [upload for upload in data if upload]
        return [data] if data else []


class SubmissionForm(forms.Form):
    """What a trainee may post: text, files and the idempotency key. Nothing else is read:
    trainee, attempt, times, late flag, points and state come from the server."""

    text = forms.CharField(
        label=_("Your answer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=50000,
    )
    files = MultipleFileField(label=_("Files"), required=False)
    key = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)

    def __init__(self, *args, assignment, **kwargs):
        super().__init__(*args, **kwargs)
        self.assignment = assignment
        self.checked_files = []
        if not self.is_bound:
            self.initial.setdefault("key", uuid.uuid4().hex)
        if not assignment.takes_files:
            del self.fields["files"]
        else:
            self.fields["files"].widget.attrs["accept"] = accept_attribute(assignment.file_types)
            self.fields["files"].help_text = _("Accepted: %(types)s.") % {
                "types": ", ".join(assignment.file_type_labels())
            }
        if not assignment.takes_text:
            del self.fields["text"]

    def clean_files(self):
        uploads = self.cleaned_data.get("files") or []
        try:
            self.checked_files = validate_uploads(uploads, self.assignment.file_types or None)
        except ValidationError as error:
            raise ValidationError(error.error_list) from None
        return uploads

    def clean_key(self):
        return "".join(ch for ch in self.cleaned_data.get("key", "") if ch.isalnum())[:64]


class AssignmentAdminForm(WagtailAdminModelForm):
    """The Wagtail admin form: accepted file types as tick boxes."""

    file_types = forms.MultipleChoiceField(
        label=_("accepted file types"),
        choices=KIND_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty to accept every allowed type."),
    )


class RubricAdminForm(WagtailAdminModelForm):
    """A locked rubric (used in a released review) refuses every edit."""

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and self.instance.is_locked:
            from .models.rubric import LOCKED_MESSAGE

            raise ValidationError(LOCKED_MESSAGE)
        return cleaned


class ExtensionForm(forms.Form):
    """A new due date for one trainee, with a reason (staff, or their mentor if allowed)."""

    due_at = forms.DateTimeField(
        label=_("New due date"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Japan time (Asia/Tokyo)."),
    )
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )

    def __init__(self, *args, assignment, **kwargs):
        super().__init__(*args, **kwargs)
        self.assignment = assignment

    def clean_due_at(self):
        due_at = self.cleaned_data["due_at"]
        if due_at <= self.assignment.due_at:
            raise ValidationError(_("The new due date must be later than the assignment's."))
        return due_at

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError(_("Please give a reason for the extension."))
        return reason


LOCAL_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class AssignmentForm(forms.ModelForm):
    """Staff set an assignment from the site (the same rules as in the Wagtail admin)."""

    file_types = forms.MultipleChoiceField(
        label=_("accepted file types"),
        choices=KIND_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty to accept every allowed type."),
    )

    class Meta:
        model = Assignment
        fields = [
            "cohort",
            "lesson",
            "title",
            "brief",
            "opens_at",
            "due_at",
            "late_policy",
            "cutoff_at",
            "points",
            "rubric",
            "max_attempts",
            "parts",
            "file_types",
        ]
        widgets = {
            "opens_at": LOCAL_DATETIME,
            "due_at": LOCAL_DATETIME,
            "cutoff_at": LOCAL_DATETIME,
            "brief": forms.Textarea(attrs={"rows": 8}),
        }
