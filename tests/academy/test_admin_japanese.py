"""The office works in Japanese: every admin screen of its day, rendered as a Japanese staff
member, shows no English but data and a few names (tests/academy/visible_english.py says
what is read and what is allowed; admin_screens.py lists the screens).

The Japanese comes from three places: Wagtail's and Django's own catalogues, ours for their
strings they lack or word differently (locale_vendor/, in LOCALE_PATHS), and ours for
our apps (locale/). A screen another app adds later is walked too: every admin URL our apps
register is found through the URL resolver.
"""

import importlib.util
import json
import re
from pathlib import Path

import allauth
import polib
import pytest
import wagtail
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models.fields import BLANK_CHOICE_LABEL
from django.test import Client
from django.urls import reverse
from django.utils import translation

from . import admin_screens, wagtail_template_copies
from .visible_english import visible_english

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def _script(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def po_vendor():
    return _script("po_vendor")


def po_script():
    return _script("po")


@pytest.fixture
def office():
    """The demo school, with a scheduled page, a page in moderation, an image and a document;
    the demo staff member signed in, in Japanese."""
    # As tests/conftest.py's demo fixture: DEBUG stays off (urls.py would add media URLs).
    call_command("seed_demo", "--i-know-this-is-not-production", verbosity=0)
    staff = get_user_model().objects.get(email="staff@example.com")
    prepared = admin_screens.prepare(staff)
    client = Client()
    client.force_login(staff)
    client.cookies["django_language"] = "ja"
    return client, prepared


def english_on(client, url, data):
    response = client.get(url)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    if "html" not in response.headers.get("Content-Type", ""):
        return []
    return visible_english(response.content.decode(), data=data)


@pytest.mark.slow
def test_every_admin_screen_of_the_office_is_japanese(office):
    client, prepared = office
    data = admin_screens.data_strings() | {"zzzz", "承継"}
    screens = list(admin_screens.wagtail_screens(prepared))
    own, unfilled = admin_screens.own_screens(admin_screens.default_samples())
    assert unfilled == [], (
        f"say how to fill these URLs in admin_screens.default_samples: {unfilled}"
    )
    assert len(own) >= 20, own  # the resolver walk found our viewsets
    found = {}
    for label, url in screens + own:
        english = english_on(client, url, data | admin_screens.SCREEN_DATA.get(label, set()))
        if english:
            found[f"{label} {url}"] = english
    assert found == {}, json.dumps(found, ensure_ascii=False, indent=1)


def javascript_catalogue(client):
    text = client.get(reverse("wagtailadmin_javascript_catalog")).content.decode()
    return json.loads(re.search(r"const newcatalog = (\{.*?\});\n", text, re.S).group(1))


def test_the_strings_the_editor_draws_with_javascript_are_japanese(staff):
    catalogue = javascript_catalogue(staff)
    for msgid in [
        "Write something or type ‘/’ to insert a block",
        "Collapse all",
        "Expand all",
        "Insert a block",
        "Search options…",
        "Character count:",
    ]:
        assert re.search(r"[ぁ-んァ-ヶ一-龠]", catalogue.get(msgid, "")), msgid


def test_every_wagtail_admin_script_string_has_japanese(staff):
    """All of Wagtail's admin JavaScript strings, read from its English catalogue."""
    english = Path(wagtail.__path__[0]) / "admin/locale/en/LC_MESSAGES/djangojs.po"
    catalogue = javascript_catalogue(staff)
    msgids = [entry.msgid for entry in polib.pofile(str(english)) if entry.msgid]
    assert len(msgids) > 50
    missing = [msgid for msgid in msgids if not catalogue.get(msgid)]
    assert missing == []


def test_our_catalogue_wins_over_wagtails_and_follows_the_glossary():
    # Not gettext(...) literally: makemessages would add Wagtail's msgids to our catalogue.
    japanese, plural = translation.gettext, translation.ngettext
    with translation.override("ja"):
        assert japanese("Documents") == "文書"  # Wagtail says ドキュメント
        assert japanese("Set schedule") == "予約公開を設定"
        assert japanese("Sign in") == "ログイン"
        assert (
            str(BLANK_CHOICE_LABEL) == "選択してください"
        )  # Django 6.1's 「- Select an option -」
        matches = plural("There is %(counter)s match", "There are %(counter)s matches", 4)
        assert matches % {"counter": 4} == "4件が一致しています"


def test_a_site_form_offers_the_blank_choice_in_japanese():
    from cohorts.models import Membership

    with translation.override("ja"):
        choices = Membership._meta.get_field("role").formfield().choices
    assert choices[0] == ("", "選択してください")


def test_our_copies_of_wagtail_templates_change_only_their_english():
    for path in wagtail_template_copies.COPIES:
        ours = wagtail_template_copies.ours(path).read_text(encoding="utf-8")
        assert ours == wagtail_template_copies.expected(path), path


def test_the_admin_says_each_concept_with_the_glossary_word():
    """Every Japanese the admin can show, Wagtail's, allauth's and ours, avoids the words
    docs/glossary.md replaces (ドキュメント, リビジョン, サインイン, 塾生…)."""
    vendor = po_vendor()
    catalogues = list(Path(wagtail.__path__[0]).glob("**/locale/ja/LC_MESSAGES/django*.po"))
    catalogues += list(Path(allauth.__path__[0]).glob("locale/ja/LC_MESSAGES/django.po"))
    catalogues += [ROOT / "locale/ja/LC_MESSAGES/django.po"]
    japanese, plural = translation.gettext, translation.ngettext
    offenders = []
    with translation.override("ja"):
        for path in catalogues:
            for entry in polib.pofile(str(path)):
                if not entry.msgid or path.name == "djangojs.po":
                    continue
                shown = (
                    plural(entry.msgid, entry.msgid_plural, 2)
                    if entry.msgid_plural
                    else japanese(entry.msgid)
                )
                if vendor.FORBIDDEN.search(shown):
                    offenders.append((entry.msgid, shown))
    assert offenders == []


def test_the_vendor_catalogue_is_complete_compiled_and_still_upstream():
    """Each of our msgids for Wagtail/Django has Japanese, the .mo is current, and the msgid
    still exists in an installed package (scripts/po.py vendor-check, also in make check)."""
    vendor = po_vendor()
    problems = {title: ids for title, ids in vendor.problems(po_script().stale).items() if ids}
    assert problems == {}


@pytest.mark.parametrize(("language", "first"), [("ja", "last_name"), ("en", "first_name")])
def test_the_account_page_asks_the_family_name_first_in_japanese(staff, language, first):
    client = staff
    client.cookies["django_language"] = language
    with translation.override(language):
        html = client.get(reverse("wagtailadmin_account")).content.decode()
    positions = {
        name: html.index(f'name="name_email-{name}"') for name in ("first_name", "last_name")
    }
    assert min(positions, key=positions.get) == first
    assert html.count('name="name_email-first_name"') == 1
