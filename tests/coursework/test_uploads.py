"""The upload pipeline: content sniffing over a corpus of good and bad files, private storage,
and the download response's headers."""

import hashlib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils import translation

from cohorts.uploads.responses import private_download
from cohorts.uploads.storage import PrivateStorage, private_storage, random_name
from cohorts.uploads.validation import validate_upload, validate_uploads
from tests.upload_corpus import (
    exe_bytes,
    heic_bytes,
    jpeg_bytes,
    many_entries_bytes,
    office_bytes,
    pdf_bytes,
    png_bytes,
    upload,
    zip_bomb_bytes,
)

GOOD = [
    ("事業承継計画書.pdf", pdf_bytes, "pdf", "application/pdf"),
    ("plan.docx", lambda: office_bytes("docx"), "docx", "wordprocessingml"),
    ("売上.xlsx", lambda: office_bytes("xlsx"), "xlsx", "spreadsheetml"),
    ("発表.pptx", lambda: office_bytes("pptx"), "pptx", "presentationml"),
    ("写真.JPG", jpeg_bytes, "jpeg", "image/jpeg"),
    ("screen.png", png_bytes, "png", "image/png"),
    ("IMG_0001.HEIC", heic_bytes, "heic", "image/heic"),
    ("メモ.txt", lambda: "今日の面談メモ\n次回までに計画書を見直す。\n".encode(), "text", "utf-8"),
    ("売上.csv", lambda: "品目,金額\n茶葉,1200\n".encode("cp932"), "csv", "shift_jis"),
    ("bom.csv", lambda: "\ufeffa,b\n1,2\n".encode(), "csv", "utf-8"),
]

BAD = [
    ("invoice.pdf", exe_bytes, "dangerous"),
    ("setup.exe", exe_bytes, "dangerous"),
    ("page.html", lambda: b"<!DOCTYPE html><html><body>hi</body></html>", "dangerous"),
    ("notes.txt", lambda: b"<html><script>alert(1)</script></html>", "dangerous"),
    ("logo.svg", lambda: b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "dangerous"),
    (
        "drawing.png",
        lambda: b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>',
        ("dangerous", "active_content"),
    ),
    (
        "polyglot.pdf",
        lambda: pdf_bytes().replace(b"%\xe2", b"%<html><script>alert(1)</script>\n%\xe2", 1),
        "active_content",
    ),
    ("comment.jpg", lambda: jpeg_bytes()[:-2] + b"<script>x</script>\xff\xd9", "active_content"),
    ("empty.pdf", lambda: b"", "empty"),
    ("bomb.docx", zip_bomb_bytes, "zip_bomb"),
    ("parts.docx", many_entries_bytes, "zip_bomb"),
    ("appended.docx", lambda: office_bytes() + b"<html>trailing</html>", "polyglot"),
    ("写真とzip.jpg", lambda: jpeg_bytes() + office_bytes(), "polyglot"),  # JPEG/ZIP polyglot
    ("pdfzip.pdf", lambda: pdf_bytes() + office_bytes(), "polyglot"),
    ("IMG_0002.HEIC", lambda: heic_bytes() + office_bytes(), "polyglot"),
    ("archive.docx", lambda: _plain_zip(), "not_office"),
    (
        "macro.docx",
        lambda: office_bytes(extra_members=[("word/vbaProject.bin", b"\x00" * 64)]),
        "macros",
    ),
    ("photo.pdf", png_bytes, "name_mismatch"),
    ("plan.pdf", lambda: "ただの文章です".encode(), "name_mismatch"),
    ("binary.txt", lambda: b"abc\x00\x01\x02def", "unknown_type"),
    ("truncated.pdf", lambda: pdf_bytes()[:-40], "damaged"),
    ("trailing.png", lambda: png_bytes() + b"extra bytes", "damaged"),
    ("noextension", pdf_bytes, "name_mismatch"),
]


def _plain_zip():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return buffer.getvalue()


def codes(error):
    return {e.code for e in error.error_list}


def test_corpus_has_at_least_fifteen_files():
    assert len(GOOD) + len(BAD) >= 15


@pytest.mark.parametrize(("name", "make", "kind", "content_type"), GOOD, ids=[g[0] for g in GOOD])
def test_good_files_are_accepted_with_their_sniffed_type(name, make, kind, content_type):
    data = make()
    checked = validate_upload(upload(name, data, "application/x-made-up"))
    assert checked.kind == kind
    assert content_type in checked.content_type
    assert checked.size == len(data)
    assert checked.sha256 == hashlib.sha256(data).hexdigest()
    assert checked.name == name


@pytest.mark.parametrize(("name", "make", "code"), BAD, ids=[b[0] for b in BAD])
def test_bad_files_are_refused_with_a_named_translated_message(name, make, code):
    with pytest.raises(ValidationError) as caught:
        validate_upload(upload(name, make(), "application/pdf"))
    assert caught.value.code in (code if isinstance(code, tuple) else (code,))
    with translation.override("ja"):
        message = str(caught.value.messages[0])
    assert name in message
    assert any("\u3040" <= ch <= "\u30ff" for ch in message), message  # Japanese kana


def test_zip_bomb_is_refused_without_inflating_it(monkeypatch):
    import zipfile

    def refuse_to_inflate(*args, **kwargs):
        raise AssertionError("a member other than [Content_Types].xml was inflated")

    original_open = zipfile.ZipFile.open

    def guarded_open(self, name, *args, **kwargs):
        member = name if isinstance(name, str) else name.filename
        if member != "[Content_Types].xml":
            refuse_to_inflate()
        return original_open(self, name, *args, **kwargs)

    bomb = upload("bomb.xlsx", zip_bomb_bytes("xlsx", megabytes=40))
    monkeypatch.setattr(zipfile.ZipFile, "open", guarded_open)
    with pytest.raises(ValidationError) as caught:
        validate_upload(bomb)
    assert caught.value.code == "zip_bomb"


def test_oversize_file_is_refused(settings):
    settings.SUBMISSION_MAX_FILE_BYTES = 1536
    data = pdf_bytes("x" * 3000)
    with pytest.raises(ValidationError) as caught:
        validate_upload(upload("big.pdf", data))
    assert caught.value.code == "too_large"
    # The message is translated when read, so read it (and format the sizes) in Japanese.
    with translation.override("ja"):
        limit = filesizeformat(settings.SUBMISSION_MAX_FILE_BYTES)
        size = filesizeformat(len(data))
        message = str(caught.value.messages[0])
    assert limit == "1.5\xa0KB"
    assert message == f"「big.pdf」は大きすぎます（{size}）。1ファイルあたりの上限は{limit}です。"


def test_limit_comes_from_the_environment(monkeypatch):
    import importlib

    from academy.settings import base

    monkeypatch.setenv("SUBMISSION_MAX_FILE_BYTES", "12345")
    monkeypatch.setenv("SUBMISSION_MAX_FILES", "2")
    reloaded = importlib.reload(base)
    try:
        assert reloaded.SUBMISSION_MAX_FILE_BYTES == 12345
        assert reloaded.SUBMISSION_MAX_FILES == 2
    finally:
        monkeypatch.delenv("SUBMISSION_MAX_FILE_BYTES")
        monkeypatch.delenv("SUBMISSION_MAX_FILES")
        importlib.reload(base)
    assert base.SUBMISSION_MAX_FILE_BYTES == 20 * 1024 * 1024
    assert base.SUBMISSION_MAX_FILES == 5


def test_too_many_files_are_refused_together(settings):
    settings.SUBMISSION_MAX_FILES = 2
    files = [upload(f"{n}.pdf", pdf_bytes()) for n in range(3)]
    with pytest.raises(ValidationError) as caught:
        validate_uploads(files)
    assert codes(caught.value) == {"too_many_files"}


def test_every_bad_file_of_a_submission_is_reported():
    files = [upload("ok.pdf", pdf_bytes()), upload("a.pdf", exe_bytes()), upload("b.txt", b"")]
    with pytest.raises(ValidationError) as caught:
        validate_uploads(files)
    assert codes(caught.value) == {"dangerous", "empty"}


def test_assignment_may_restrict_the_kinds():
    assert validate_uploads([upload("a.pdf", pdf_bytes())], allowed_kinds=["pdf"])[0].kind == "pdf"
    with pytest.raises(ValidationError) as caught:
        validate_uploads([upload("a.png", png_bytes())], allowed_kinds=["pdf", "docx"])
    assert codes(caught.value) == {"not_allowed_here"}


@pytest.fixture
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.PRIVATE_MEDIA_ROOT


def test_private_storage_uses_random_sharded_names_outside_media(private_root, settings):
    storage = private_storage()
    name = storage.save(random_name(None, "../../事業承継計画書.pdf"), ContentFile(pdf_bytes()))
    path = Path(storage.path(name))
    assert path.is_relative_to(private_root)
    assert not path.is_relative_to(settings.MEDIA_ROOT)
    shard1, shard2, token = name.split("/")
    assert len(token) == 32 and token.startswith(shard1 + shard2)
    assert "計画" not in name and ".." not in name
    assert random_name(None, "a.pdf") != random_name(None, "a.pdf")
    with pytest.raises(ValueError):
        storage.url(name)
    assert PrivateStorage().base_url is None


def test_a_guessed_storage_path_answers_404(private_root, anonymous, staff):
    name = private_storage().save(random_name(), ContentFile(b"%PDF-1.4 secret"))
    for client in (anonymous, staff):
        assert client.get(f"/media/{name}", follow=True).status_code == 404
        assert client.get(f"/private/{name}", follow=True).status_code == 404


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        (
            "事業承継計画書.pdf",
            "filename*=utf-8''%E4%BA%8B%E6%A5%AD%E6%89%BF%E7%B6%99%E8%A8%88%E7%94%BB%E6%9B%B8.pdf",
        ),
        ("../../etc/passwd", 'filename="passwd"'),
        ("a\r\nSet-Cookie: x=1.pdf", 'filename="aSet-Cookie x=1.pdf"'),
        ("evil\u202etxt.exe", 'filename="eviltxt.exe"'),
        ("nul\x00byte.pdf", 'filename="nulbyte.pdf"'),
    ],
)
def test_download_response_headers(private_root, original, expected):
    storage = private_storage()
    name = storage.save(random_name(), ContentFile(pdf_bytes()))
    field_file = storage.open(name)
    field_file.storage = storage
    response = private_download(field_file, filename=original, content_type="application/pdf")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; ")
    assert disposition == f"attachment; {expected}"
    assert "\r" not in disposition and "\n" not in disposition and "/" not in disposition
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["Cache-Control"].startswith("private")
    assert b"".join(response.streaming_content) == pdf_bytes()
    field_file.close()


def test_long_name_is_shortened_keeping_the_extension(private_root):
    storage = private_storage()
    name = storage.save(random_name(), ContentFile(b"x"))
    stored = storage.open(name)
    stored.storage = storage
    response = private_download(stored, filename="計" * 300 + ".pdf", content_type="text/plain")
    disposition = response["Content-Disposition"]
    assert disposition.endswith(".pdf")
    assert len(disposition) < 2000
    stored.close()
