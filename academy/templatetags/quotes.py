"""Quoting a title inside Japanese text without doubling the brackets.

{% load quotes %}
{% blocktranslate with title=seminar_title|nested_quotes %}… "{{ title }}" …{% endblocktranslate %}

A title that already holds 「」 (公開セミナー「先代と後継者の対話」) is quoted in Japanese as
「公開セミナー『先代と後継者の対話』」, not 「公開セミナー「…」」: inside Japanese text its own
brackets become 『』. Other languages get the title unchanged.
"""

from django import template
from django.utils.translation import get_language

register = template.Library()

INNER = str.maketrans({"「": "『", "」": "』"})


@register.filter
def nested_quotes(value):
    text = "" if value is None else str(value)
    if (get_language() or "").startswith("ja"):
        return text.translate(INNER)
    return text
