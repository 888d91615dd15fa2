"""The meeting form (with its action items as a formset) and the done/undone toggle.

Forms check only the shape of the input; the rules live in the model's clean() and the
services, whose messages the views put back on the fields."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from academy.sanitizer import as_plain_text
from cohorts.mentoring.models import Meeting
from cohorts.mentoring.services.meetings import ItemChange, MeetingChanges

LOCAL_DATETIME = "%Y-%m-%dT%H:%M"


class MeetingForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
    key = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)
    held_at = forms.DateTimeField(
        label=_("Date and time"),
        input_formats=[LOCAL_DATETIME, "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_DATETIME),
    )
    mode = forms.ChoiceField(label=_("How"), choices=Meeting.Mode.choices, widget=forms.RadioSelect)
    place = forms.CharField(
        label=_("Place"),
        required=False,
        max_length=200,
        help_text=_("Where you met, or the online tool (for example Zoom)."),
    )
    agenda = forms.CharField(
        label=_("Agenda"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=50000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Only the trainee, their mentors and the office read these notes; every reading "
            "by someone other than the trainee is recorded."
        ),
    )
    decisions = forms.CharField(
        label=_("Decisions"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    next_meeting_on = forms.DateField(
        label=_("Next meeting"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, data=None, *, meeting=None, **kwargs):
        if meeting is not None and "initial" not in kwargs:
            kwargs["initial"] = initial_for(meeting)
        super().__init__(data, **kwargs)
        self.initial.setdefault("key", uuid.uuid4().hex)
        self.initial.setdefault("mode", Meeting.Mode.IN_PERSON)

    def changes(self, items):
        data = self.cleaned_data
        return MeetingChanges(
            held_at=data["held_at"],
            mode=data["mode"],
            place=data.get("place", ""),
            agenda=data.get("agenda", ""),
            notes=data.get("notes", ""),
            decisions=data.get("decisions", ""),
            next_meeting_on=data.get("next_meeting_on"),
            items=items,
        )


def initial_for(meeting):
    return {
        "version": meeting.version,
        "held_at": meeting.held_at,
        "mode": meeting.mode,
        "place": meeting.place,
        "agenda": meeting.agenda,
        "notes": as_plain_text(meeting.notes),
        "decisions": meeting.decisions,
        "next_meeting_on": meeting.next_meeting_on,
    }


class ActionItemForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    text = forms.CharField(label=_("Action item"), max_length=300, required=False)
    owner = forms.TypedChoiceField(label=_("Owner"), coerce=int, required=False)
    due_on = forms.DateField(
        label=_("Due date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, owners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [(m.pk, m.user.get_full_name()) for m in owners]
        if owners:
            self.initial.setdefault("owner", owners[0].pk)

    def is_blank(self):
        data = self.cleaned_data
        return not data.get("id") and not (data.get("text") or "").strip()


class BaseActionItemFormSet(forms.BaseFormSet):
    def __init__(self, *args, owners=(), **kwargs):
        self.owners = owners
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "owners": self.owners}

    @property
    def empty_form(self):
        form = self.form(
            auto_id=self.auto_id,
            prefix=self.add_prefix("__prefix__"),
            empty_permitted=True,
            use_required_attribute=False,
            owners=self.owners,
            renderer=self.renderer,
        )
        self.add_fields(form, None)
        return form

    def rows(self):
        """ItemChange per filled row (blank new rows are skipped), in the form's order."""
        rows = []
        for form in self.forms:
            data = form.cleaned_data
            if not data or form.is_blank():
                continue
            rows.append(
                ItemChange(
                    pk=data.get("id"),
                    text=data.get("text") or "",
                    owner_id=data.get("owner") or self.owners[0].pk,
                    due_on=data.get("due_on"),
                    delete=bool(data.get("DELETE")),
                )
            )
        return rows

    def row_indexes(self):
        """The form index of each row rows() returns (to put a service's error back)."""
        return [
            index
            for index, form in enumerate(self.forms)
            if form.cleaned_data and not form.is_blank()
        ]


ActionItemFormSet = forms.formset_factory(
    ActionItemForm,
    formset=BaseActionItemFormSet,
    extra=2,
    can_delete=True,
    max_num=30,
    validate_max=True,
)


def items_initial(meeting):
    return [
        {"id": item.pk, "text": item.text, "owner": item.owner_id, "due_on": item.due_on}
        for item in meeting.action_items.all()
    ]


class DoneForm(forms.Form):
    done = forms.TypedChoiceField(coerce=int, choices=[(1, "1"), (0, "0")])
