"""Finds English a Japanese reader would see on a rendered admin page (tests/academy/test_admin_japanese.py).

What counts as visible: text nodes (also inside <template> and hidden dialogs, which scripts
show), and the attributes a person reads or hears: placeholder, title, aria-label, alt,
aria-description, data-w-tooltip-content-value, and the value of buttons. Script and style
bodies are not read: the strings scripts draw come from the JavaScript catalogue, checked on
its own.

What is not English prose, and is removed before looking: e-mail addresses, URLs and paths,
file names, numbers, the data the test created (passed in), and ALLOWED: names and
abbreviations a Japanese office writes in Latin letters too.
"""

import re
from html.parser import HTMLParser

# Each of these is written in Latin letters in Japanese software and manuals alike.
ALLOWED = {
    "Wagtail",  # the product's name, shown in the footer and the "about" panel
    "Successor",  # the school's name (Successor Academy), data of the site settings
    "Academy",
    "CSV",  # file formats and their extensions, as the office sees them in file names
    "XLSX",
    "PDF",
    "ZIP",
    "JSON",
    "HTML",
    "URL",  # written URL in Japanese UIs (Wagtail's own catalogue says 「URL」)
    "ID",
    "SEO",
    "QR",
    "OK",
    "Email",  # never shown in the admin as a label, only in data (kept for the audit's codes)
    "Draftail",  # the editor's name
    "px",  # image sizes (「1280 x 800 px」)
    "Asia",  # the time zone's name (Asia/Tokyo)
    "Tokyo",
    "English",  # a language's own name for itself, as every language picker shows it
    "AVIF",  # image and document formats, and sizes, as Japanese software names them
    "GIF",
    "JPG",
    "JPEG",
    "PNG",
    "WEBP",
    "HEIC",
    "KB",
    "MB",
    "GB",
    "UTF",  # encodings the roster import accepts (UTF-8, Shift_JIS)
    "Word",  # product names, as the file-type choices say 「Word 文書」
    "Excel",
    "PowerPoint",
    "Ctrl",  # key names, printed so on Japanese keyboards too
    "Shift",
    "Alt",
    "Esc",
    "Enter",
    "Tab",
}
VISIBLE_ATTRIBUTES = {
    "placeholder",
    "title",
    "aria-label",
    "aria-description",
    "alt",
    "data-w-tooltip-content-value",
}
SKIPPED_ELEMENTS = {"script", "style", "noscript", "svg", "code", "pre", "textarea"}
NOT_PROSE = [
    re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"),  # e-mail addresses
    re.compile(r"(https?://|www\.)\S+"),  # URLs
    re.compile(r"(?<![\w])/[\w./?=&%#-]*"),  # paths
    re.compile(r"[\w-]+\.(png|jpe?g|gif|webp|svg|pdf|docx?|xlsx?|csv|txt|zip|ics)\b", re.I),
    re.compile(r"\{[^{}]*\}"),  # placeholders of format strings kept in data attributes
    re.compile(r"\b[a-z_]+\.[a-z_]+\b"),  # model identifiers (courses.lessonpage) in reports
    re.compile(r"\bShift_JIS\b"),
]
WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class _Collector(HTMLParser):
    """Text and read attributes, with what each sits in: a skipped element, another language."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, skipped, foreign language, hidden)
        self.texts = []

    @property
    def skipping(self):
        return bool(self.stack) and (self.stack[-1][1] or self.stack[-1][2])

    @property
    def hidden(self):
        return bool(self.stack) and self.stack[-1][3]

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        skipped = self.skipping or tag in SKIPPED_ELEMENTS
        lang = attributes.get("lang")
        # Text marked as another language is English on purpose (「English」 in the switcher).
        foreign = bool(self.stack and self.stack[-1][2]) or bool(lang and not lang.startswith("ja"))
        hidden = self.hidden or "hidden" in attributes
        if tag not in VOID:
            self.stack.append((tag, skipped, foreign, hidden))
        if skipped or foreign:
            return
        for name, value in attributes.items():
            if value and name in VISIBLE_ATTRIBUTES:
                self.texts.append(value)
        button = tag == "input" and attributes.get("type") in {"submit", "button", "reset"}
        if button and attributes.get("value"):
            self.texts.append(attributes["value"])

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if any(entry[0] == tag for entry in self.stack):
            while self.stack and self.stack.pop()[0] != tag:
                pass

    def handle_data(self, data):
        # "None" alone in a hidden element is the counter Wagtail leaves for its scripts to fill.
        placeholder = self.hidden and data.strip() == "None"
        if not self.skipping and data.strip() and not placeholder:
            self.texts.append(data)


def visible_texts(html):
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.texts


def english_in(text, data=()):
    """The English words left in one piece of visible text, or "" when there are none."""
    for value in sorted(data, key=len, reverse=True):
        if value and value.isascii():  # a whole word, so "en" does not hide "English"
            text = re.sub(rf"(?<![A-Za-z]){re.escape(value)}(?![A-Za-z])", " ", text)
        elif value:
            text = text.replace(value, " ")
    for pattern in NOT_PROSE:
        text = pattern.sub(" ", text)
    words = [w for w in WORD.findall(text) if w.strip("'’") not in ALLOWED]
    return " ".join(words)


def visible_english(html, data=()):
    """Each visible text that still has English words in it, whitespace collapsed."""
    found = []
    for text in visible_texts(html):
        if english_in(text, data):
            cleaned = " ".join(text.split())
            if cleaned not in found:
                found.append(cleaned)
    return found
