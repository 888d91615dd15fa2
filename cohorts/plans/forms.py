"""What the plan's pages may post: a section's text with the version it was based on, a
comment on the version read, the company name, a milestone submission's key."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from academy.forms import OneLineCharField

from .services.comments import MAX_COMMENT
from .services.plans import MAX_BODY


class SectionForm(forms.Form):
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 14}),
        max_length=MAX_BODY,
        error_messages={"required": _("Write the section's text before saving.")},
    )
    base = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_COMMENT,
        error_messages={"required": _("Write your comment before sending it.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class CompanyForm(forms.Form):
    company = OneLineCharField(label=_("Company"), max_length=200, required=False)


class MilestoneForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("key", uuid.uuid4().hex)

    def clean_key(self):
        return "".join(ch for ch in self.cleaned_data.get("key", "") if ch.isalnum())[:64]
