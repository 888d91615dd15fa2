"""The vendor catalogue: our Japanese for Wagtail's, Django's and allauth's own strings.

Their Japanese catalogues cover only part of what the admin shows (Wagtail's about 40 %), and
some of their words differ from docs/glossary.md (ドキュメント for 文書, リビジョン for 版).
locale_vendor/ja/LC_MESSAGES/{django,djangojs}.po hold our translation of those msgids; the
directory is in LOCALE_PATHS, so it wins over every package's catalogue (after locale/, our
app strings, so a msgid both use keeps our app's wording). It is apart from locale/:
makemessages writes only the first LOCALE_PATHS entry and never reads or writes this one.

Used through scripts/po.py:

    scripts/po.py vendor-fill FILE.json [djangojs]   # {"upstream msgid": "日本語", ...}
    scripts/po.py vendor-missing [djangojs]          # upstream msgids with no Japanese anywhere
    scripts/po.py vendor-check                       # also part of `scripts/po.py check`

A msgid must exist upstream (an English catalogue of an installed package, or failing that
its source): a plural entry takes its msgid_plural from there, and a msgid that an upgrade
removed is reported by vendor-check. Japanese has one plural form (nplurals=1).
"""

import importlib.util
import re
import subprocess
from functools import cache
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "locale_vendor" / "ja" / "LC_MESSAGES"
DOMAINS = ("django", "djangojs")
PACKAGES = ("wagtail", "django", "allauth", "django_tasks", "django_tasks_db", "taggit")
HEADER = {
    "Project-Id-Version": "Successor Academy (vendor strings)",
    "Language": "ja",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=1; plural=0;",
}
# Words docs/glossary.md replaces (the word it uses instead is in the glossary).
FORBIDDEN = re.compile(
    r"塾生|サインイン|サインアウト|期（コホート）|コホート|ドキュメント|リビジョン|ユーザ(?!ー)|原稿"
    r"|提出期限|期限延長|期限後|ポイント|モデレーション|ライブ|公開をスケジュール|(?<!プ)レビュー|Eメール"
)


def po_path(domain="django"):
    return VENDOR / f"{domain}.po"


def mo_path(domain="django"):
    return VENDOR / f"{domain}.mo"


def load(domain="django"):
    path = po_path(domain)
    exists = path.exists()
    catalogue = polib.pofile(str(path), wrapwidth=0) if exists else polib.POFile(wrapwidth=0)
    catalogue.metadata = {**HEADER, **{k: v for k, v in catalogue.metadata.items() if k in HEADER}}
    catalogue.metadata["Plural-Forms"] = HEADER["Plural-Forms"]
    return catalogue


def _package_dirs():
    for name in PACKAGES:
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.origin:
            yield Path(spec.origin).parent


@cache
def upstream(domain="django", language="en"):
    """{(msgctxt, msgid): entry} of every installed package's catalogue for that language."""
    entries = {}
    for package in _package_dirs():
        for path in sorted(package.glob(f"**/locale/{language}/LC_MESSAGES/{domain}.po")):
            for entry in polib.pofile(str(path), wrapwidth=0):
                if entry.msgid and not entry.obsolete:
                    entries.setdefault((entry.msgctxt or None, entry.msgid), entry)
    return entries


@cache
def _sources():
    texts = []
    for package in _package_dirs():
        for pattern in ("**/*.py", "**/*.html", "**/*.txt", "**/*.js"):
            for path in package.glob(pattern):
                if "/tests/" not in str(path) and "/locale/" not in str(path):
                    texts.append(path.read_text(encoding="utf-8", errors="replace"))
    return texts


def in_upstream(msgctxt, msgid, domain="django"):
    if (msgctxt or None, msgid) in upstream(domain):
        return True
    return any(msgid in text for text in _sources())


def fill(translations, domain="django"):
    """Add or replace vendor entries; returns the keys found nowhere upstream (not added)."""
    catalogue = load(domain)
    by_key = {(e.msgctxt or None, e.msgid): e for e in catalogue}
    known = upstream(domain)
    unknown = []
    for key, value in translations.items():
        msgctxt, _, msgid = key.rpartition("\x04")
        msgctxt = msgctxt or None
        forms = value if isinstance(value, list) else [value]
        source = known.get((msgctxt, msgid))
        if source is None and not in_upstream(msgctxt, msgid, domain):
            unknown.append(key)
            continue
        entry = by_key.get((msgctxt, msgid))
        if entry is None:
            entry = polib.POEntry(msgctxt=msgctxt, msgid=msgid)
            if source is not None and source.msgid_plural:
                entry.msgid_plural = source.msgid_plural
            catalogue.append(entry)
            by_key[(msgctxt, msgid)] = entry
        if source is not None and "python-format" in source.flags:
            entry.flags = sorted(set(entry.flags) | {"python-format"})
        if entry.msgid_plural:
            entry.msgstr_plural = {0: forms[0]}
        else:
            entry.msgstr = forms[0]
    catalogue.sort(key=lambda e: (e.msgctxt or "", e.msgid))
    save(catalogue, domain)
    return unknown


def save(catalogue, domain="django"):
    VENDOR.mkdir(parents=True, exist_ok=True)
    catalogue.save(str(po_path(domain)))
    compile_mo(domain)


def compile_mo(domain="django"):
    """msgfmt, as compilemessages runs it, so either one leaves the same .mo."""
    subprocess.run(  # noqa: S603
        ["msgfmt", "--check-format", "-o", str(mo_path(domain)), str(po_path(domain))],  # noqa: S607
        check=True,
    )


def without_japanese(domain="django"):
    """Upstream msgids that neither their package's Japanese nor ours translates."""
    japanese = {key for key, entry in upstream(domain, "ja").items() if entry.translated()}
    ours = {(e.msgctxt or None, e.msgid) for e in load(domain) if e.translated()}
    return sorted(
        msgid for key in upstream(domain) if key not in japanese | ours for msgid in [key[1]]
    )


def problems(stale):
    """{title: [msgids]} of what is wrong with the vendor catalogue; `stale` is po.py's."""
    found = {}
    for domain in DOMAINS:
        catalogue = load(domain)
        label = f"locale_vendor {domain}.po"
        found[f"{label}: Japanese empty or fuzzy"] = [
            e.msgid for e in catalogue if e.msgid and not e.translated()
        ]
        found[f"{label}: compiled .mo is stale (scripts/po.py vendor-fill rebuilds it)"] = (
            stale(catalogue, mo_path(domain)) if po_path(domain).exists() else []
        )
        found[f"{label}: msgid no longer in any installed package (remove it)"] = [
            e.msgid for e in catalogue if e.msgid and not in_upstream(e.msgctxt, e.msgid, domain)
        ]
        found[f"{label}: a word docs/glossary.md replaces"] = [
            e.msgid
            for e in catalogue
            if FORBIDDEN.search(e.msgstr + "".join(e.msgstr_plural.values()))
        ]
    return found
