"""The one HTML sanitizer: every piece of rich text a user types passes through here, once, on save.

bleach 6.4 is its last release upstream, so nothing else imports bleach: swapping the engine
(nh3, justhtml, …) is a change to this file alone, checked by the payload corpus in tests.
"""

import bleach
from html5lib.filters.base import Filter

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


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[LinkRelFilter],
)


def clean_html(value):
    """Return value with every tag, attribute and URL outside the allow-list removed."""
    if not value:
        return ""
    return _cleaner.clean(str(value))
