"""Our copies of Wagtail admin templates that hard-code English, as (path, [(Wagtail's text,
ours)]): templates/wagtailadmin/<path> must be Wagtail's file with exactly these
replacements (tests/academy/test_admin_japanese.py checks it, so a Wagtail upgrade that
changes one of them fails until the copy is redone: `python -m tests.academy.wagtail_template_copies`)."""

from pathlib import Path

import wagtail

ROOT = Path(__file__).resolve().parents[2]
WAGTAIL = Path(wagtail.__path__[0]) / "admin" / "templates"
COPIES = {
    # The header's buttons: <nav aria-label="Actions">.
    "wagtailadmin/shared/headers/_actions.html": [
        ("{# Actions divider #}", "{% load i18n %}{# Actions divider #}"),
        ('<nav aria-label="Actions"', '<nav aria-label="{% trans "Actions" %}"'),
    ],
    # The search button read by screen readers, on every listing's header and the dashboard.
    "wagtailadmin/shared/header.html": [('value="Search"', 'value="{% trans "Search" %}"')],
    "wagtailadmin/home.html": [('value="Search"', 'value="{% trans "Search" %}"')],
    # Page search leaves the listing's model name unset: 「1-5 of 5 None」.
    "wagtailadmin/pages/listing/_page_title_column_header.html": [
        (
            "{% block after_label %}",
            '{% block after_label %}\n    {% trans "pages" as pages %}'
            "{% firstof model_name pages as model_name %}",
        ),
    ],
    # A row by nobody (published by the system) shows Python's None as the user's name.
    "wagtailadmin/shared/user_avatar.html": [
        ("{{ user }}{% else %}", '{{ user|default:"—" }}{% else %}'),
    ],
    # A yes/no column's icon is titled with Python's True/False/None.
    "wagtailadmin/tables/boolean_cell.html": [
        ("{% load wagtailadmin_tags %}", "{% load wagtailadmin_tags i18n %}"),
        (
            "{% if value is None %}",
            '{% trans "Unknown" as unknown %}{% trans "Yes" as yes %}'
            '{% trans "No" as no %}\n    {% if value is None %}',
        ),  # fmt: skip
        ("title=value|stringformat:'s' name=\"help\"", 'title=unknown name="help"'),
        ("title=value|stringformat:'s' name=\"check\"", 'title=yes name="check"'),
        ("title=value|stringformat:'s' name=\"cross\"", 'title=no name="cross"'),
    ],
    # The account page's name panel: in Japanese the family name (姓) comes before the given
    # name (名), as on every form of ours; first_name is drawn right after last_name.
    "wagtailadmin/account/settings_panels/base.html": [
        ("{% load wagtailadmin_tags %}", "{% load wagtailadmin_tags i18n %}"),
        (
            "    {% for field in form %}\n        {% formattedfield field %}\n    {% endfor %}",
            "    {% get_current_language as language %}\n"
            "    {% for field in form %}\n"
            '        {% if language == "ja" and field.name == "first_name" and form.last_name %}'
            "{# drawn after last_name #}\n"
            "        {% else %}\n"
            "            {% formattedfield field %}\n"
            '            {% if language == "ja" and field.name == "last_name" and form.first_name %}'
            "{% formattedfield form.first_name %}{% endif %}\n"
            "        {% endif %}\n"
            "    {% endfor %}",
        ),
    ],
}


def expected(path):
    text = (WAGTAIL / path).read_text(encoding="utf-8")
    for old, new in COPIES[path]:
        assert text.count(old) == 1, f"{path}: Wagtail's text changed: {old!r}"
        text = text.replace(old, new)
    return text


def ours(path):
    return ROOT / "templates" / path


if __name__ == "__main__":
    for path in COPIES:
        ours(path).parent.mkdir(parents=True, exist_ok=True)
        ours(path).write_text(expected(path), encoding="utf-8")
