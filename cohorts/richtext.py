"""Text typed by people (briefs, answers): plain text keeps its paragraphs, HTML is sanitized.

Both go through academy.sanitizer.clean_html, once, on save; `as_plain_text` turns stored
HTML back into text for a plain textarea (editing a draft).
"""

import re
from html import unescape

from django.utils.html import linebreaks, strip_tags

from academy.sanitizer import clean_html

HTML_TAG = re.compile(r"<[A-Za-z!/]")
BLOCK_END = re.compile(r"</(p|div|li|h[2-6]|blockquote|pre)>|<br\s*/?>", re.IGNORECASE)


def clean_user_text(value):
    """Sanitized HTML for storage; text without tags becomes escaped paragraphs first."""
    value = value or ""
    if value.strip() and not HTML_TAG.search(value):
        value = linebreaks(value, autoescape=True)
    return clean_html(value)


def as_plain_text(value):
    """Stored HTML as plain text with its line breaks, for a textarea."""
    text = BLOCK_END.sub(
        lambda match: "\n" if match.group(0).lower().startswith("<br") else "\n\n", value or ""
    )
    return re.sub(r"\n{3,}", "\n\n", unescape(strip_tags(text))).strip()
