"""SanitizedHTMLField: every write path stores sanitizer output, cleaned once, and re-saving
changes nothing.

The field is exercised on a throwaway model in an isolated app registry, whose table is
created inside the test's transaction (rolled back at the end), so no test-only app or
migration is needed.
"""

import pytest
from django.db import connection, models
from django.test.utils import isolate_apps

from academy import fields, sanitizer
from academy.fields import SanitizedHTMLField
from academy.sanitizer import as_plain_text, clean_user_text

pytestmark = pytest.mark.django_db

DIRTY = '<p onclick="x()">段落<script>alert(1)</script></p><a href="javascript:alert(1)">l</a>'
CLEAN = '<p>段落alert(1)</p><a rel="noopener nofollow">l</a>'


@pytest.fixture
def Note():
    """A model with a sanitized field (and a nullable one), its table made in this transaction."""
    with isolate_apps("academy"):

        class Note(models.Model):
            title = models.CharField(max_length=50, default="")
            body = SanitizedHTMLField(blank=True)
            extra = SanitizedHTMLField(null=True, blank=True)

            class Meta:
                app_label = "academy"

    # CREATE TABLE runs inside the test's transaction (SQLite and PostgreSQL roll DDL back);
    # schema_editor() as a context manager refuses to on SQLite, its table_sql() does not.
    sql, params = connection.schema_editor().table_sql(Note)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
    return Note


def stored(Note, pk, field="body"):
    return Note.objects.filter(pk=pk).values_list(field, flat=True).get()


@pytest.fixture
def counted(monkeypatch):
    """Count the calls the field makes to the sanitizer."""
    calls = []

    def counting(value):
        calls.append(value)
        return clean_user_text(value)

    monkeypatch.setattr(fields, "clean_user_text", counting)
    return calls


def test_save_stores_clean_html_and_puts_it_back_on_the_instance(Note):
    note = Note(body=DIRTY)
    note.save()
    assert note.body == CLEAN
    assert stored(Note, note.pk) == CLEAN


def test_save_cleans_once(Note, counted):
    note = Note(body=DIRTY)
    note.save()  # Django calls pre_save twice on this insert
    assert counted == [DIRTY]
    note.title = "renamed"
    note.save()  # the value is the one the field cleaned: not cleaned again
    assert counted == [DIRTY]
    note.body = "<p>new</p><script>x</script>"
    note.save()
    assert counted == [DIRTY, "<p>new</p><script>x</script>"]
    assert stored(Note, note.pk) == "<p>new</p>x"


def test_save_with_update_fields_cleans_the_field(Note):
    note = Note.objects.create(body="<p>ok</p>")
    note.body = '<img src=x onerror="alert(1)">画像'
    note.save(update_fields=["body"])
    assert stored(Note, note.pk) == "<p>画像</p>"


def test_save_with_other_update_fields_leaves_the_field_alone(Note, counted):
    note = Note.objects.create(body="<p>ok</p>")
    counted.clear()
    note.title = "new"
    note.save(update_fields=["title"])
    assert counted == []
    assert stored(Note, note.pk) == "<p>ok</p>"


def test_bulk_create_cleans_every_object(Note, counted):
    notes = Note.objects.bulk_create([Note(body=DIRTY), Note(body="a < b & c")])
    assert len(counted) == 2  # once per object (pre_save), not again in get_db_prep_save
    values = sorted(Note.objects.values_list("body", flat=True))
    assert values == sorted([CLEAN, "<p>a &lt; b &amp; c</p>"])
    assert [note.body for note in notes] == [CLEAN, "<p>a &lt; b &amp; c</p>"]


def test_queryset_update_and_bulk_update_cannot_store_raw_markup(Note):
    first, second = Note.objects.bulk_create([Note(body="<p>1</p>"), Note(body="<p>2</p>")])
    Note.objects.filter(pk=first.pk).update(body=DIRTY)
    assert stored(Note, first.pk) == CLEAN
    second.body = "<script>x</script><b>太字</b>"
    Note.objects.bulk_update([second], ["body"])
    assert stored(Note, second.pk) == "x<b>太字</b>"


def test_plain_text_becomes_escaped_paragraphs(Note):
    note = Note.objects.create(body="一行目 <3 & more\n二行目\n\n次の段落")
    assert note.body == "<p>一行目 &lt;3 &amp; more<br>二行目</p>\n\n<p>次の段落</p>"
    assert as_plain_text(note.body) == "一行目 <3 & more\n二行目\n\n次の段落"


@pytest.mark.parametrize(
    "typed",
    [
        "<h1>A & B</h1>",  # stripped to bare text with an entity
        "x<y",  # looks like a tag, is text
        "<script>alert(1)</script>",
        "plain & text\n\nsecond",
        "<p>ok</p>",
        "",
    ],
)
def test_saving_again_changes_nothing(Note, typed):
    note = Note.objects.create(body=typed)
    first = stored(Note, note.pk)
    note.save()
    note.refresh_from_db()
    note.save()
    assert stored(Note, note.pk) == first
    assert "&amp;amp;" not in first and "&amp;lt;" not in first


def test_null_stays_null_and_empty_stays_empty(Note):
    note = Note.objects.create(body="", extra=None)
    assert stored(Note, note.pk, "extra") is None
    assert stored(Note, note.pk) == ""


def test_clean_user_text_is_a_fixed_point_for_stripped_markup():
    once = clean_user_text("<h1>A & B</h1>")
    assert once == "<p>A &amp; B</p>"
    assert clean_user_text(once) == once


def test_the_field_deconstructs_to_its_own_path():
    field = SanitizedHTMLField("text", blank=True)
    name, path, args, kwargs = field.deconstruct()
    assert path == "academy.fields.SanitizedHTMLField"
    assert kwargs == {"blank": True, "verbose_name": "text"}
    rebuilt = SanitizedHTMLField(*args, **kwargs)
    assert rebuilt.deconstruct()[1:] == (path, args, kwargs)


def test_the_sanitizer_module_is_the_one_the_field_uses():
    assert fields.clean_user_text is sanitizer.clean_user_text
