"""How a person's name is read (フリガナ), and the one order for lists of people.

A reading is kana: typed in hiragana, katakana or half-width katakana, it is stored in
full-width katakana with single spaces (「さとう　けんた」 → 「サトウ ケンタ」), so readings
sort in あいうえお (gojūon) order on any database. Lists of people sort by reading, then by
the name for people without one, then by e-mail:

    Membership.objects.order_by(*person_order("user"))
    User.objects.by_reading()
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.db.models import CharField, F, Value
from django.db.models.functions import Coalesce, Concat, NullIf
from django.utils.translation import gettext_lazy as _

# Katakana (with ー, ・ and the iteration marks) and spaces, after normalize_reading.
READING_PATTERN = re.compile(r"[\u30A1-\u30FA\u30FC-\u30FE\u30FB ]+")
HIRAGANA_TO_KATAKANA = {code: code + 0x60 for code in range(0x3041, 0x3097)} | {
    0x309D: 0x30FD,  # ゝ → ヽ
    0x309E: 0x30FE,  # ゞ → ヾ
}


def normalize_reading(value):
    """Full-width katakana with single half-width spaces; "" for blank."""
    text = unicodedata.normalize("NFKC", value or "")  # ｻﾄｳ → サトウ, full-width space → " "
    text = text.translate(HIRAGANA_TO_KATAKANA)
    return " ".join(text.split())


def validate_reading(value):
    """Refuse anything but kana and spaces (a reading, not a name)."""
    one_line = not any(unicodedata.category(char) == "Cc" for char in value or "")
    if value and not (one_line and READING_PATTERN.fullmatch(normalize_reading(value))):
        raise ValidationError(
            _("Enter the reading in katakana or hiragana (e.g. サトウ ケンタ)."),
            code="reading",
        )


def person_key(prefix=""):
    """The sort key of a person: reading, else name (display name, else family + given)."""
    field = f"{prefix}__" if prefix else ""
    return Coalesce(
        NullIf(F(f"{field}name_reading"), Value("")),
        NullIf(F(f"{field}display_name"), Value("")),
        NullIf(Concat(F(f"{field}last_name"), F(f"{field}first_name")), Value("")),
        F(f"{field}email"),
        output_field=CharField(),
    )


def person_order(prefix="", *, descending=False):
    """order_by() arguments that list people in あいうえお order (prefix: "user", …)."""
    key = person_key(prefix)
    email = f"{prefix}__email" if prefix else "email"
    if descending:
        return [key.desc(), f"-{email}"]
    return [key.asc(), email]


def reading_sort_key(user):
    """The same order in Python, for lists already in memory."""
    name = user.display_name or f"{user.last_name}{user.first_name}"
    return (user.name_reading or name or user.email, user.email)
