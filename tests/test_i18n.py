"""Both languages: the Japanese catalogue is complete, compiled, and the switch works."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "ja" / "LC_MESSAGES" / "django.po"
sys.path.insert(0, str(ROOT / "scripts"))
import po  # noqa: E402


def catalogue():
    return po.parse(PO.read_text(encoding="utf-8"))


def test_no_japanese_translation_is_empty_or_fuzzy():
    missing = list(po.missing(catalogue()))
    assert missing == [], f"{len(missing)} strings lack Japanese: {missing[:10]}"


def test_every_string_in_the_code_is_in_the_catalogue(tmp_path):
    """makemessages on a copy of the tree finds no string the committed catalogue lacks."""
    copy = tmp_path / "tree"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", "build", ".git", "*.sqlite3*", "__pycache__", "private"
        ),
    )
    result = subprocess.run(
        [sys.executable, "scripts/po.py", "update"],
        cwd=copy,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    fresh = po.parse((copy / PO.relative_to(ROOT)).read_text(encoding="utf-8"))
    lacking = list(po.missing(fresh))
    assert lacking == [], f"run scripts/po.py update and translate: {lacking[:10]}"


def test_compiled_catalogue_matches_the_po_file():
    """Each Japanese msgstr is what Django serves, so the committed .mo is up to date."""
    stale = []
    with translation.override("ja"):
        for entry in catalogue():
            msgid, msgstr = po.field(entry, "msgid"), po.field(entry, "msgstr")
            if not msgid or msgstr is None or po.field(entry, "msgctxt") is not None:
                continue
            if translation.gettext(msgid) != msgstr:
                stale.append(msgid)
    assert stale == [], f"locale/ja .mo is stale, run scripts/po.py update: {stale[:5]}"


@pytest.mark.django_db
def test_home_page_is_japanese_by_default_and_switches_to_english():
    client = Client()
    response = client.get("/")
    assert response.status_code == 200
    assert '<html lang="ja">' in response.text
    assert "サインイン" in response.text
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    response = client.get("/")
    assert '<html lang="en">' in response.text
    assert "Sign in" in response.text


@pytest.mark.django_db
def test_language_switch_is_post_only():
    assert Client().get("/i18n/setlang/?language=en").status_code == 405


@pytest.mark.django_db
def test_signed_in_person_keeps_their_choice(staff):
    staff.post("/i18n/setlang/", {"language": "en", "next": "/"})
    staff.user.refresh_from_db()
    assert staff.user.preferred_language == "en"


@pytest.mark.django_db
def test_preferred_language_applies_without_a_cookie():
    from .factories import UserFactory

    user = UserFactory(preferred_language="en")
    client = Client()
    client.force_login(user)
    assert '<html lang="en">' in client.get("/").text
