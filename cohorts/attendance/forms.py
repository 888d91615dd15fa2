"""Forms: the roster (one row per trainee), the check-in code, the report filter, sessions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cohorts.models import Cohort

from .models import Attendance, Session
from .services.records import parse_roster_base, roster_base

Status = Attendance.Status


class SessionForm(forms.ModelForm):
    """The admin's form; the rules are Session.clean()."""

    class Meta:
        model = Session
        fields = [
            "cohort",
            "title",
            "starts_at",
            "ends_at",
            "place",
            "online_url",
            "seminar",
            "notes",
            "checkin_code",
            "checkin_opens_before",
            "checkin_closes_after",
            "late_after",
        ]

    def clean(self):
        cleaned = super().clean()
        cohort = cleaned.get("cohort")
        stored = self.instance.cohort if self.instance.pk else None
        if any(c is not None and c.is_archived for c in (cohort, stored)):
            raise forms.ValidationError(Cohort.ARCHIVED_MESSAGE)
        return cleaned


class RosterForm(forms.Form):
    """status_<membership id> and note_<membership id> for each trainee of the cohort.

    A trainee without a record starts as present ("all present"), so the mentor only changes
    the exceptions. Only the trainees given to the form can be posted (no other id is read).
    """

    base = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, trainees, records, **kwargs):
        super().__init__(*args, **kwargs)
        self.trainees = list(trainees)
        self.records = records
        self.fields["base"].initial = roster_base(records)
        for membership in self.trainees:
            record = records.get(membership.pk)
            self.fields[f"status_{membership.pk}"] = forms.ChoiceField(
                label=membership.user.get_full_name() or membership.user.email,
                choices=Status.choices,
                initial=record.status if record else Status.PRESENT,
                widget=forms.RadioSelect,
                required=False,  # not posted (joined since the page was opened): unchanged
            )
            self.fields[f"note_{membership.pk}"] = forms.CharField(
                label=_("Note"),
                required=False,
                max_length=500,
                initial=record.note if record else "",
            )

    def rows(self):
        """(membership, status field, note field, record) per trainee, for the template."""
        for membership in self.trainees:
            yield (
                membership,
                self[f"status_{membership.pk}"],
                self[f"note_{membership.pk}"],
                self.records.get(membership.pk),
            )

    def based_on(self):
        """{membership pk: stamp} of the records the page showed (None: not posted)."""
        if "base" not in self.data:
            return None
        return parse_roster_base(self.cleaned_data["base"])

    def entries(self):
        data = self.cleaned_data
        return {
            m: (data[f"status_{m.pk}"], data.get(f"note_{m.pk}", ""))
            for m in self.trainees
            if data.get(f"status_{m.pk}")
        }


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Check-in code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "pattern": "[0-9０-９ ]*",
            }
        ),
    )


class ReportFilterForm(forms.Form):
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput({"type": "date"})
    )
    end = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput({"type": "date"})
    )
    q = forms.CharField(label=_("Trainee"), required=False, max_length=100)
    below = forms.BooleanField(label=_("Only below the threshold"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError(_("The end date cannot be before the start date."))
        return data
