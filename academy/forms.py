"""Form pieces shared by every app.

One-line fields (names, company names, phone numbers…) refuse line breaks and control
characters: a name goes into e-mail greetings, subjects, CSV exports and calendar files,
where a line break starts a new line of the attacker's choosing.
"""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ONE_LINE_MESSAGE = _(
    "Enter this on one line, without line breaks, tabs or other control characters."
)
# Bidirectional overrides reorder what a reader sees (a name that displays as another).
BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")


def validate_one_line(value):
    for character in str(value):
        category = unicodedata.category(character)
        if category in ("Cc", "Zl", "Zp") or character in BIDI_CONTROLS:
            raise ValidationError(ONE_LINE_MESSAGE, code="not_one_line")


class OneLineCharField(forms.CharField):
    default_validators = [validate_one_line]
