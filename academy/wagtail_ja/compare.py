"""Wagtail's revision comparison for dates, times and yes/no fields, as the office reads them.

Wagtail compares these fields by their Python values and prints them so: 「None」 →
「2026-12-09 07:46:50.004000+09:00」 for a go-live date. Here the values go through the one
formatter (academy/datetimes.py), 「はい／いいえ」, and 「—」 for nothing.
"""

from datetime import date, datetime

from django.db import models
from django.utils.html import escape
from django.utils.translation import gettext
from wagtail.admin.compare import FieldComparison, TextDiff, register_comparison_class

from academy.datetimes import format_date, format_datetime


def readable(value):
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return format_date(value)
    return str(value)


class ReadableFieldComparison(FieldComparison):
    def htmldiff(self):
        before, after = readable(self.val_a), readable(self.val_b)
        if self.has_changed():
            return TextDiff([("deletion", before), ("addition", after)]).to_html()
        return escape(before)


def register():
    for field_class in (models.DateTimeField, models.DateField, models.BooleanField):
        register_comparison_class(field_class, comparison_class=ReadableFieldComparison)
