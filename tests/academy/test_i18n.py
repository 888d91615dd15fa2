"""Both languages: the Japanese catalogue is complete and the switch works.

The slower catalogue checks (the committed .mo is current, makemessages finds no string the
catalogue lacks) run in `make check` through `scripts/po.py check`.
"""

from pathlib import Path

import polib
import pytest
from django.test import Client

PO = Path(__file__).resolve().parents[2] / "locale" / "ja" / "LC_MESSAGES" / "django.po"


def test_no_japanese_translation_is_empty_or_fuzzy():
    catalogue = polib.pofile(str(PO), wrapwidth=0)
    # translated() is False for a fuzzy entry and for any empty msgstr (or plural form).
    missing = [entry.msgid for entry in catalogue if not entry.obsolete and not entry.translated()]
    assert missing == [], f"{len(missing)} strings lack Japanese: {missing[:10]}"


@pytest.mark.django_db
def test_home_page_is_japanese_by_default_and_switches_to_english():
    client = Client()
    response = client.get("/")
    assert response.status_code == 200
    assert '<html lang="ja">' in response.text
    assert "ログイン" in response.text
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
    from tests.factories import UserFactory

    user = UserFactory(preferred_language="en")
    client = Client()
    client.force_login(user)
    assert '<html lang="en">' in client.get("/").text
