"""The sanitized field type: rich text a user typed, cleaned by academy.sanitizer on every save.

    text = SanitizedHTMLField(_("text"), blank=True)

`pre_save` runs the value through `clean_user_text` once and puts the clean value back on the
instance, so whatever saves the row stores clean HTML: `save()`, `save(update_fields=[...])`
and `bulk_create()` (Django's insert compiler calls `pre_save` for every object). Paths that
never call `pre_save` (`QuerySet.update()`, `bulk_update()`) still pass each value through
`get_db_prep_save`, which cleans anything `pre_save` did not already clean, so no write path
stores raw markup; the instance in memory is not updated on those paths.

Fixture loading (`loaddata`, raw saves) stores values as they are: fixtures are ours, not users'.
Templates show the stored value with `|sanitized_html` (academy.templatetags.sanitized).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .sanitizer import clean_user_text


class CleanHTML(str):
    """A value this field's pre_save already cleaned: get_db_prep_save does not clean it again."""

    __slots__ = ()


class SanitizedHTMLField(models.TextField):
    description = _("HTML cleaned by the site's sanitizer")

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if value is None:  # a nullable field keeps its NULL
            return None
        # Django calls pre_save twice on an insert by save(): the second call (and a later
        # save of an unchanged value) finds the very object it cleaned and does not clean again.
        marker = f"_sanitized_{self.attname}"
        if value is not model_instance.__dict__.get(marker):
            value = clean_user_text(value)
            setattr(model_instance, self.attname, value)
            model_instance.__dict__[marker] = value
        return CleanHTML(value)

    def get_db_prep_save(self, value, connection):
        if value is not None and not hasattr(value, "resolve_expression"):
            value = str(value) if isinstance(value, CleanHTML) else clean_user_text(value)
        return super().get_db_prep_save(value, connection)
