#!/usr/bin/env python3
"""Japanese catalogue helper, safe when several people add strings at once.

    scripts/po.py update              # makemessages + compilemessages, under a lock
    scripts/po.py fill FILE.json      # {"English msgid": "日本語", ...}: fill those msgstrs,
                                      # then update (plural entries: a list of forms;
                                      # a pgettext entry: "context\u0004msgid" as the key)
    scripts/po.py missing             # print msgids whose Japanese is empty or fuzzy
    scripts/po.py check               # fail (exit 1, msgids listed) when a Japanese msgstr is
                                      # empty or fuzzy, the committed .mo is stale, or
                                      # makemessages on a copy of the tree finds a string the
                                      # catalogue lacks; and the vendor catalogue's checks
                                      # (`make check` runs this)
    scripts/po.py vendor-fill FILE.json [djangojs]
                                      # our Japanese for Wagtail's/Django's own msgids, in
                                      # locale_vendor/ (scripts/po_vendor.py says more)
    scripts/po.py vendor-missing [djangojs]
                                      # upstream msgids that no catalogue translates
    scripts/po.py vendor-check        # the vendor catalogue alone

Every write holds an exclusive lock on locale/.po.lock, so two runs never clobber each other;
`missing` and `check` hold it shared, so they never read a half-written catalogue.
The .po and .mo files are read and written with polib.
"""

import fcntl
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALE = Path("locale") / "ja" / "LC_MESSAGES"
PO = ROOT / LOCALE / "django.po"
MO = ROOT / LOCALE / "django.mo"
PYTHON = ROOT / ".venv" / "bin" / "python"
if not PYTHON.exists():
    PYTHON = Path(sys.executable)

try:
    import polib
except ModuleNotFoundError:  # run by a python without the project's packages: use the venv's
    if Path(sys.executable).resolve() != PYTHON.resolve():
        os.execv(PYTHON, [str(PYTHON), __file__, *sys.argv[1:]])  # noqa: S606
    raise

sys.path.insert(0, str(ROOT / "scripts"))
po_vendor = __import__("po_vendor")  # beside this file; needs polib, hence after the check

# templates/wagtailadmin/ holds copies of Wagtail's templates: their strings are Wagtail's,
# translated by its catalogue and ours for it (locale_vendor/, scripts/po_vendor.py).
MAKEMESSAGES = ["makemessages", "-l", "ja", "--no-obsolete", "--no-location",
                "-i", ".venv/*", "-i", "build/*", "-i", "templates/wagtailadmin/*"]  # fmt: skip
# What a copy of the tree for `check` leaves out: nothing makemessages should read.
NOT_COPIED = shutil.ignore_patterns(
    ".venv", "build", ".git", "*.sqlite3*", "__pycache__", "private", "media",
    ".pytest_cache", ".ruff_cache", "node_modules", ".po.lock",
)  # fmt: skip


def load(path=PO):
    return polib.pofile(str(path), wrapwidth=0)


def missing(catalogue):
    """msgids whose Japanese is empty (any plural form) or fuzzy."""
    for entry in catalogue:
        if entry.msgid and not entry.obsolete and not entry.translated():
            yield entry.msgid


def fill(catalogue, translations):
    """A key "context\u0004msgid" (gettext's own spelling) fills only that pgettext entry; a
    plain msgid fills every entry of that msgid that no contexted key names."""
    filled = 0
    for entry in catalogue:
        if entry.obsolete or not entry.msgid:
            continue
        contexted = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else None
        if contexted in translations:
            value = translations[contexted]
        elif entry.msgid in translations:
            value = translations[entry.msgid]
        else:
            continue
        forms = value if isinstance(value, list) else [value]
        if entry.msgid_plural:
            indexes = sorted(entry.msgstr_plural) or [0]
            entry.msgstr_plural = {i: forms[min(i, len(forms) - 1)] for i in indexes}
        else:
            entry.msgstr = forms[0]
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgctxt = entry.previous_msgid = entry.previous_msgid_plural = None
        filled += 1
    return filled


def _key(entry):
    return (entry.msgctxt or None, entry.msgid, entry.msgid_plural or None)


def _value(entry):
    if entry.msgid_plural:
        return tuple(sorted(entry.msgstr_plural.items()))
    return entry.msgstr


def stale(catalogue, mo_path=MO):
    """msgids whose compiled translation differs from the .po (or is absent, or extra)."""
    if not Path(mo_path).exists():
        return [f"({mo_path.relative_to(ROOT)} does not exist)"]
    # compilemessages (msgfmt) leaves out fuzzy and untranslated entries.
    wanted = {_key(e): _value(e) for e in catalogue if e.msgid and e.translated()}
    compiled = {_key(e): _value(e) for e in polib.mofile(str(mo_path)) if e.msgid}
    differ = {k for k in wanted.keys() | compiled.keys() if wanted.get(k) != compiled.get(k)}
    return sorted(msgid for _ctx, msgid, _plural in differ)


def run(*args, cwd=ROOT, env=None):
    subprocess.run([str(PYTHON), "manage.py", *args], cwd=cwd, env=env, check=True)  # noqa: S603


def update():
    run(*MAKEMESSAGES)
    run("compilemessages", "-l", "ja", "--ignore", ".venv/*")


def not_in_catalogue():
    """makemessages on a throwaway copy of the tree: strings it adds (empty, or fuzzy-matched)
    are strings the committed catalogue lacks."""
    with tempfile.TemporaryDirectory(prefix="po-check-") as tmp:
        copy = Path(tmp) / "tree"
        shutil.copytree(ROOT, copy, ignore=NOT_COPIED)
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        env.setdefault("DJANGO_SETTINGS_MODULE", "academy.settings.test")
        run(*MAKEMESSAGES, "--verbosity", "0", cwd=copy, env=env)
        return list(missing(load(copy / LOCALE / "django.po")))


def check():
    catalogue = load()
    untranslated = list(missing(catalogue))
    problems = {
        "Japanese msgstr empty or fuzzy (translate them, then scripts/po.py update)": (
            untranslated
        ),
        "compiled .mo is stale (run scripts/po.py update and commit the .mo)": stale(catalogue),
        "strings in the code missing from the catalogue (run scripts/po.py update, then "
        "translate them)": [m for m in not_in_catalogue() if m not in untranslated],
        "a word docs/glossary.md replaces": [
            e.msgid
            for e in catalogue
            if po_vendor.FORBIDDEN.search(e.msgstr + "".join(e.msgstr_plural.values()))
        ],
        **po_vendor.problems(stale),
    }
    return report(problems, f"catalogue OK: {len(catalogue)} entries, all translated, .mo current")


def report(problems, ok):
    failed = False
    for title, msgids in problems.items():
        if msgids:
            failed = True
            print(f"{title}: {len(msgids)}", file=sys.stderr)
            for msgid in msgids:
                print(f"  {msgid!r}", file=sys.stderr)
    if not failed:
        print(ok)
    return 1 if failed else 0


def vendor(argv):
    domain = argv[-1] if argv[-1] in po_vendor.DOMAINS else "django"
    if argv[0] == "vendor-fill":
        translations = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
        unknown = po_vendor.fill(translations, domain)
        print(f"filled {len(translations) - len(unknown)} of {len(translations)} given")
        for msgid in unknown:
            print(f"  not in any installed package: {msgid!r}", file=sys.stderr)
        return 1 if unknown else 0
    if argv[0] == "vendor-missing":
        for msgid in po_vendor.without_japanese(domain):
            print(msgid)
        return 0
    return report(po_vendor.problems(stale), "vendor catalogue OK")


def main(argv):
    PO.parent.mkdir(parents=True, exist_ok=True)
    writes = argv[:1] in (["update"], ["fill"], ["vendor-fill"])
    with open(ROOT / "locale" / ".po.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX if writes else fcntl.LOCK_SH)
        if argv[:1] == ["update"] and len(argv) == 1:
            update()
        elif argv[:1] == ["fill"] and len(argv) == 2:
            translations = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
            update()
            catalogue = load()
            count = fill(catalogue, translations)
            catalogue.save()
            update()  # makemessages re-wraps the file as gettext does; compiles the .mo
            print(f"filled {count} of {len(translations)} given")
        elif argv[:1] == ["missing"] and len(argv) == 1:
            for msgid in missing(load()):
                print(msgid)
        elif argv[:1] == ["check"] and len(argv) == 1:
            return check()
        elif argv[:1] in (["vendor-fill"], ["vendor-missing"], ["vendor-check"]):
            return vendor(argv)
        else:
            print(__doc__)
            return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
