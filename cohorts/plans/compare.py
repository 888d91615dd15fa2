"""Two versions of a section side by side, with the changes highlighted.

The texts are compared as plain text (paragraph by paragraph, then word by word inside a
changed paragraph; a Japanese character is a word, as Japanese has no spaces). Every piece
of text is escaped first and only then wrapped in <del>/<ins> by format_html, so nothing a
trainee typed can become markup.
"""

import difflib
import re

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from academy.sanitizer import as_plain_text

# A run of Latin letters/digits, a run of spaces, or any other single character (kana, kanji,
# punctuation): the units a change is highlighted in.
TOKEN = re.compile(r"[A-Za-z0-9_]+|\s+|.", re.DOTALL)


def _paragraphs(html):
    text = as_plain_text(html or "")
    return [p for p in re.split(r"\n\s*\n", text) if p.strip()] if text else []


def _joined(tokens, tag=None):
    """Escaped text, wrapped in tag (del or ins) when given."""
    text = "".join(tokens)
    if not text:
        return SafeString("")
    if tag is None:
        return format_html("{}", text)
    return format_html("<{}>{}</{}>", SafeString(tag), text, SafeString(tag))


def _join(parts):
    return format_html_join("", "{}", ((part,) for part in parts))


def _inline(old, new):
    """(old html, new html) of one changed paragraph: deletions and insertions marked."""
    a, b = TOKEN.findall(old), TOKEN.findall(new)
    left, right = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            left.append(_joined(a[i1:i2]))
            right.append(_joined(b[j1:j2]))
        else:
            left.append(_joined(a[i1:i2], "del"))
            right.append(_joined(b[j1:j2], "ins"))
    return _join(left), _join(right)


def side_by_side(old_html, new_html):
    """[{"old": html or None, "new": html or None, "changed": bool}] one row per paragraph."""
    old, new = _paragraphs(old_html), _paragraphs(new_html)
    rows = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            rows.extend(
                {"old": _joined([p]), "new": _joined([p]), "changed": False} for p in old[i1:i2]
            )
            continue
        olds, news = old[i1:i2], new[j1:j2]
        for k in range(max(len(olds), len(news))):
            before = olds[k] if k < len(olds) else None
            after = news[k] if k < len(news) else None
            if before is not None and after is not None:
                left, right = _inline(before, after)
            else:
                left = _joined([before], "del") if before is not None else None
                right = _joined([after], "ins") if after is not None else None
            rows.append({"old": left, "new": right, "changed": True})
    return rows
