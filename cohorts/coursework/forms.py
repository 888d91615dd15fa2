"""Coursework forms: handing work in, granting an extension, and the admin's assignment and
rubric forms. Rules about the data live in the models' clean(); forms add only input rules."""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.rich_text import expand_db_html

from academy.datetimes import zone_label
from cohorts.coursework.models import Extension
from cohorts.uploads.kinds import KIND_CHOICES, accept_attribute
from cohorts.uploads.validation import validate_uploads


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


def zone_help():
    return _("Time zone: %(zone)s.") % {"zone": zone_label()}


# What the brief's editor offers: what the sanitizer keeps and a brief needs.
BRIEF_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "hr"]


class AssignmentForm(WagtailAdminModelForm):
    """The one assignment form (Wagtail admin): the brief in Wagtail's rich-text editor,
    accepted file types as tick boxes."""

    file_types = forms.MultipleChoiceField(
        label=_("accepted file types"),
        choices=KIND_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty to accept every allowed type."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("opens_at", "due_at", "cutoff_at"):
            if name in self.fields:
                self.fields[name].help_text = " ".join(
                    str(text) for text in (self.fields[name].help_text, zone_help()) if text
                )

    def clean_brief(self):
        """The editor stores a link to a page as <a linktype="page" id="…">, which only
        Wagtail's richtext filter understands; the brief is sanitized HTML shown as it is, so
        such links become the page's address before the sanitizer sees them."""
        return expand_db_html(self.cleaned_data.get("brief") or "")


class ExtensionAdminForm(WagtailAdminModelForm):
    """The admin's extension form: the site's fields and rules (Extension.clean), plus the
    choice of assignment and trainee when one is created."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "due_at" in self.fields:
            self.fields["due_at"].help_text = zone_help()


class ExtensionForm(forms.ModelForm):
    """A new due date for one trainee, with a reason; the rules are Extension.clean()'s."""

    class Meta:
        model = Extension
        fields = ["due_at", "reason"]
        labels = {"due_at": _("New due date"), "reason": _("Reason")}
        widgets = {
            "due_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "reason": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, assignment, membership, **kwargs):
        current = Extension.objects.filter(assignment=assignment, membership=membership).first()
        kwargs.setdefault(
            "instance", current or Extension(assignment=assignment, membership=membership)
        )
        super().__init__(*args, **kwargs)
        self.fields["due_at"].help_text = zone_help()
        self.fields["reason"].validators.append(MaxLengthValidator(2000))
