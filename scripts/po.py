#!/usr/bin/env python3
"""Japanese catalogue helper, safe when several people add strings at once.

    scripts/po.py update              # makemessages + compilemessages, under a lock
    scripts/po.py fill FILE.json      # {"English msgid": "日本語", ...}: fill those msgstrs,
                                      # then update (plural entries: a list of forms)
    scripts/po.py missing             # print msgids whose Japanese is empty or fuzzy

Every write holds an exclusive lock on locale/.po.lock, so two runs never clobber each other.
"""

import fcntl
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "ja" / "LC_MESSAGES" / "django.po"
PYTHON = ROOT / ".venv" / "bin" / "python"
if not PYTHON.exists():
    PYTHON = Path(sys.executable)


def _unquote(lines):
    return "".join(json.loads(line) for line in lines)


def _quote(text):
    return json.dumps(text, ensure_ascii=False)


def parse(text):
    """Entries as dicts of key -> list of raw lines; keeps comments for round trips."""
    entries = []
    for block in re.split(r"\n\s*\n", text.strip("\n")):
        entry = {"comments": [], "fields": []}
        for line in block.splitlines():
            if line.startswith("#"):
                entry["comments"].append(line)
            elif line.startswith('"'):
                entry["fields"][-1][1].append(line)
            else:
                key, _, rest = line.partition(" ")
                entry["fields"].append([key, [rest]])
        entries.append(entry)
    return entries


def field(entry, key):
    for name, lines in entry["fields"]:
        if name == key:
            return _unquote(lines)
    return None


def render(entries):
    out = []
    for entry in entries:
        lines = list(entry["comments"])
        for key, values in entry["fields"]:
            lines.append(f"{key} {values[0]}")
            lines.extend(values[1:])
        out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"


def missing(entries):
    for entry in entries:
        msgid = field(entry, "msgid")
        if not msgid:
            continue
        fuzzy = any(c.startswith("#,") and "fuzzy" in c for c in entry["comments"])
        values = [field(entry, k) for k, _ in entry["fields"] if k.startswith("msgstr")]
        if fuzzy or not values or any(not v for v in values):
            yield msgid


def fill(entries, translations):
    filled = 0
    for entry in entries:
        msgid = field(entry, "msgid")
        if not msgid or msgid not in translations:
            continue
        value = translations[msgid]
        forms = value if isinstance(value, list) else [value]
        new_fields = []
        for key, lines in entry["fields"]:
            if key == "msgstr":
                lines = [_quote(forms[0])]
            elif key.startswith("msgstr["):
                lines = [_quote(forms[min(int(key[7:-1]), len(forms) - 1)])]
            new_fields.append([key, lines])
        entry["fields"] = new_fields
        entry["comments"] = [
            c if not c.startswith("#,") else re.sub(r",?\s*fuzzy", "", c) for c in entry["comments"]
        ]
        entry["comments"] = [c for c in entry["comments"] if c.strip() != "#,"]
        filled += 1
    return filled


def run(*args):
    subprocess.run([str(PYTHON), "manage.py", *args], cwd=ROOT, check=True)  # noqa: S603


def update():
    run("makemessages", "-l", "ja", "--no-obsolete", "--no-location", "-i", ".venv/*",
        "-i", "build/*")  # fmt: skip
    run("compilemessages", "-l", "ja", "--ignore", ".venv/*")


def main(argv):
    PO.parent.mkdir(parents=True, exist_ok=True)
    with open(ROOT / "locale" / ".po.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if argv[:1] == ["update"]:
            update()
        elif argv[:1] == ["fill"] and len(argv) == 2:
            translations = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
            update()
            entries = parse(PO.read_text(encoding="utf-8"))
            count = fill(entries, translations)
            PO.write_text(render(entries), encoding="utf-8")
            update()
            print(f"filled {count} of {len(translations)} given")
        elif argv[:1] == ["missing"]:
            for msgid in missing(parse(PO.read_text(encoding="utf-8"))):
                print(msgid)
        else:
            print(__doc__)
            return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
