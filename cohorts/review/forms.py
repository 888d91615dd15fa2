"""Review forms: the mentor's review (a level per criterion, texts, points), a guest's
scores, reassigning, the release gate, and inviting a guest. Rules about the data live in
the services; forms check only the shape of the input."""

from django import forms
from django.utils.translation import gettext_lazy as _

from academy.sanitizer import as_plain_text
from cohorts.review.services.reviews import Changes

TEXTAREA = {"rows": 6}


def _level_choices(criterion):
    return [(str(level.pk), f"{level.title} ({level.points})") for level in criterion.levels.all()]


class ReviewForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    feedback = forms.CharField(
        label=_("Feedback"),
        required=False,
        max_length=50000,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("The trainee reads this once the review is released or returned."),
    )
    revision_request = forms.CharField(
        label=_("What to revise"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed to return the work for revision; the trainee reads it."),
    )
    adjustment = forms.DecimalField(
        label=_("Overall adjustment"),
        required=False,
        max_digits=7,
        decimal_places=2,
        initial=0,
        help_text=_("Points added (or, negative, taken away) after the rubric."),
    )
    adjustment_reason = forms.CharField(
        label=_("Reason for the adjustment"), required=False, max_length=300
    )
    private_note = forms.CharField(
        label=_("Private note"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For co-mentors and the office only: the trainee never sees it."),
    )

    def __init__(self, data=None, *, assignment, criteria, owners, review=None, **kwargs):
        if review is not None and "initial" not in kwargs:
            kwargs["initial"] = initial_for(review)
        super().__init__(data, **kwargs)
        self.criteria = criteria
        self.owners = owners
        self.initial.setdefault("version", 0)
        if not criteria:
            self.fields["manual_points"] = forms.DecimalField(
                label=_("Points"),
                required=False,
                max_digits=7,
                decimal_places=2,
                min_value=0,
                max_value=assignment.points,
                help_text=_("Out of %(max)s.") % {"max": assignment.points},
            )
        for criterion in criteria:
            name = f"criterion_{criterion.pk}"
            self.fields[name] = forms.ChoiceField(
                label=criterion.title,
                required=False,
                choices=_level_choices(criterion),
                widget=forms.RadioSelect,
                disabled=criterion.pk in owners,
            )
            if review is not None:
                score = next(
                    (s for s in review.scores.all() if s.criterion_id == criterion.pk), None
                )
                if score is not None:
                    self.initial.setdefault(name, str(score.level_id))

    def criterion_fields(self):
        """(criterion, bound field, guest or None) per criterion, for the grid."""
        return [(c, self[f"criterion_{c.pk}"], self.owners.get(c.pk)) for c in self.criteria]

    def changes(self):
        data = self.cleaned_data
        levels = {c.pk: data.get(f"criterion_{c.pk}") or None for c in self.criteria}
        return Changes(
            levels=levels,
            feedback=data.get("feedback", ""),
            revision_request=data.get("revision_request", ""),
            private_note=data.get("private_note", ""),
            adjustment=data.get("adjustment") or 0,
            adjustment_reason=data.get("adjustment_reason", ""),
            manual_points=data.get("manual_points"),
        )


def initial_for(review):
    return {
        "version": review.version,
        "feedback": as_plain_text(review.feedback),
        "revision_request": review.revision_request,
        "private_note": review.private_note,
        "adjustment": review.adjustment,
        "adjustment_reason": review.adjustment_reason,
        "manual_points": review.manual_points,
    }


class GuestScoreForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, criteria, review=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        self.initial.setdefault("version", review.version if review else 0)
        scores = {s.criterion_id: s for s in review.scores.all()} if review else {}
        for criterion in criteria:
            name = f"criterion_{criterion.pk}"
            self.fields[name] = forms.ChoiceField(
                label=criterion.title,
                required=False,
                choices=_level_choices(criterion),
                widget=forms.RadioSelect,
            )
            if criterion.pk in scores:
                self.initial.setdefault(name, str(scores[criterion.pk].level_id))

    def criterion_fields(self):
        return [(c, self[f"criterion_{c.pk}"], None) for c in self.criteria]

    def levels(self):
        return {c.pk: self.cleaned_data.get(f"criterion_{c.pk}") or None for c in self.criteria}


class ReassignForm(forms.Form):
    mentor = forms.ModelChoiceField(label=_("Mentor"), queryset=None, required=False)
    reason = forms.CharField(label=_("Reason"), required=False, max_length=300)

    def __init__(self, *args, mentors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = mentors
        self.fields["mentor"].label_from_instance = lambda m: m.user.get_full_name()
        self.fields["mentor"].empty_label = _("Back to the paired mentors")


class PolicyForm(forms.Form):
    staff_release = forms.BooleanField(
        label=_("The office releases reviews after a check"),
        required=False,
        help_text=_(
            "Mentors then mark a review ready, and the office releases an assignment's "
            "ready reviews together. Off: mentors release their reviews themselves."
        ),
    )


class GuestInviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    name = forms.CharField(label=_("Name"), max_length=150)
    language = forms.ChoiceField(
        label=_("Language of the e-mail"), choices=[("ja", "日本語"), ("en", "English")]
    )
    criteria = forms.ModelMultipleChoiceField(
        label=_("Criteria they score"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    trainees = forms.ModelMultipleChoiceField(
        label=_("Trainees"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, criteria, trainees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criteria"].queryset = criteria
        self.fields["trainees"].queryset = trainees
        self.fields["trainees"].label_from_instance = lambda m: m.user.get_full_name()
