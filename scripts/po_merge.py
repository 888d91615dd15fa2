#!/usr/bin/env python3
"""Git merge driver for the Japanese catalogue: a union of both sides' entries.

Several engineers add strings at once on their own branches; a line merge of django.po
conflicts on every one of them. This merges by msgid (and msgctxt): an entry on one side
only is kept, an entry changed on one side takes that side's change, an entry changed on
both takes ours. `scripts/po.py update` then drops what the code no longer uses and
rebuilds the .mo (`make check` fails until it has run).

    git config merge.po-union.driver "scripts/po_merge.py %O %A %B"
"""

import sys

try:
    import polib
except ModuleNotFoundError:
    import os
    from pathlib import Path

    venv = Path(__file__).resolve().parent.parent / ".venv" / "bin" / "python"
    os.execv(venv, [str(venv), __file__, *sys.argv[1:]])  # noqa: S606


def _key(entry):
    return (entry.msgctxt, entry.msgid)


def _value(entry):
    return (entry.msgstr, tuple(sorted(entry.msgstr_plural.items())), entry.fuzzy)


def merge(base_path, ours_path, theirs_path):
    base = {_key(e): e for e in polib.pofile(base_path, wrapwidth=0)}
    ours = polib.pofile(ours_path, wrapwidth=0)
    theirs = polib.pofile(theirs_path, wrapwidth=0)
    mine = {_key(e): e for e in ours}
    for entry in theirs:
        key = _key(entry)
        current = mine.get(key)
        if current is None:
            if key not in base:  # added on their side
                ours.append(entry)
            continue
        original = base.get(key)
        ours_changed = original is None or _value(current) != _value(original)
        theirs_changed = original is None or _value(entry) != _value(original)
        # Theirs wins where only they changed it, or where ours is untranslated and theirs is.
        take_theirs = theirs_changed and (
            not ours_changed or (not current.translated() and entry.translated())
        )
        if take_theirs:
            current.msgstr = entry.msgstr
            current.msgstr_plural = entry.msgstr_plural
            current.flags = entry.flags
    ours.save(ours_path)
    return 0


if __name__ == "__main__":
    sys.exit(merge(*sys.argv[1:4]))
