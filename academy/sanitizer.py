"""The one HTML sanitizer: every piece of rich text a user types passes through here, once, on save.

`clean_html` cleans markup; `clean_user_text` is what a stored field keeps (text without tags
becomes escaped paragraphs first; academy.fields.SanitizedHTMLField calls it on every save);
`as_plain_text` turns stored HTML back into text for a plain textarea (editing a draft).

bleach 6.4 is its last release upstream, so nothing else imports bleach: swapping the engine
(nh3, justhtml, …) is a change to this file alone, checked by the payload corpus in tests.
"""

import re
import threading
from html import unescape

import bleach
from bleach.html5lib_shim import Filter
from django.utils.html import linebreaks, strip_tags

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "strong", "b", "em", "i", "u", "s", "sub", "sup", "small", "mark",
        "ul", "ol", "li", "dl", "dt", "dd",
        "h2", "h3", "h4", "h5", "h6",
        "blockquote", "code", "pre", "kbd", "a", "abbr", "span", "div",
        "table", "thead", "tbody", "tr", "th", "td", "caption",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": ["href", "title", "rel"],
    "abbr": ["title"],
    "ol": ["start", "reversed"],
    "th": ["colspan", "rowspan", "scope"],
    "td": ["colspan", "rowspan"],
}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto", "tel"})
LINK_REL = "noopener nofollow"


class LinkRelFilter(Filter):
    """Give every link rel="noopener nofollow", whatever rel it came with."""

    def __iter__(self):
        for token in super().__iter__():
            if token["type"] in ("StartTag", "EmptyTag") and token["name"] == "a":
                attrs = dict(token.get("data") or {})
                attrs[(None, "rel")] = LINK_REL
                token["data"] = attrs
            yield token


# bleach's Cleaner keeps parser state between calls, so it is not thread-safe: one per thread.
_local = threading.local()

# The HTML parser can build trees whose serialisation parses differently (nested links that
# table foster-parenting produced, for instance), so one pass is not always a fixed point.
# Cleaning repeats until the output no longer changes; after MAX_PASSES it gives up on markup.
MAX_PASSES = 4


def _cleaners():
    cleaners = getattr(_local, "cleaners", None)
    if cleaners is None:
        rich = bleach.Cleaner(
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            protocols=ALLOWED_PROTOCOLS,
            strip=True,
            strip_comments=True,
            filters=[LinkRelFilter],
        )
        text_only = bleach.Cleaner(tags=frozenset(), attributes={}, strip=True)
        cleaners = _local.cleaners = (rich, text_only)
    return cleaners


def clean_html(value):
    """Return value with every tag, attribute and URL outside the allow-list removed.

    The result is a fixed point: clean_html(clean_html(x)) == clean_html(x).
    """
    if not value:
        return ""
    rich, text_only = _cleaners()
    cleaned = rich.clean(str(value))
    for _ in range(MAX_PASSES):
        again = rich.clean(cleaned)
        if again == cleaned:
            return cleaned
        cleaned = again
    return text_only.clean(cleaned)  # markup that never settles: keep its text only


HTML_TAG = re.compile(r"<[A-Za-z!/]")
BLOCK_END = re.compile(r"</(p|div|li|h[2-6]|blockquote|pre)>|<br\s*/?>", re.IGNORECASE)


def clean_user_text(value):
    """Sanitized HTML for storage; text without tags becomes escaped paragraphs first.

    The result is a fixed point, so a field cleaned on every save never changes on a second
    save: markup the sanitizer strips down to bare (already escaped) text is kept as one
    paragraph, since bare text would otherwise be escaped again ("&amp;" -> "&amp;amp;").
    """
    value = value or ""
    if value.strip() and not HTML_TAG.search(value):
        value = linebreaks(value, autoescape=True)
    cleaned = clean_html(value)
    if cleaned.strip() and not HTML_TAG.search(cleaned):
        cleaned = f"<p>{cleaned.strip()}</p>"
    return cleaned


def as_plain_text(value):
    """Stored HTML as plain text with its line breaks, for a textarea."""
    text = BLOCK_END.sub(
        lambda match: "\n" if match.group(0).lower().startswith("<br") else "\n\n", value or ""
    )
    return re.sub(r"\n{3,}", "\n\n", unescape(strip_tags(text))).strip()
