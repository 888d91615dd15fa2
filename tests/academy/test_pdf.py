"""academy.pdf: Japanese text goes in, comes back out of the file, and the font travels with it."""

import io

from pypdf import PdfReader

from academy.pdf import PdfDocument


def _reader(document):
    data = document.output()
    assert data.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(data))


def _text(reader):
    return "".join(page.extract_text() for page in reader.pages)


def test_japanese_text_is_extracted_back_from_every_kind_of_block():
    document = PdfDocument(title="事業承継計画書", author="後継者育成塾")
    document.heading("事業承継計画書")
    document.key_values([("会社名", "株式会社山田製作所"), ("期", "2026 第1期")])
    document.paragraph("現経営者の想いを次の世代へ")
    document.rich_text("<p>後継者の<b>ビジョン</b></p><ul><li>技術承継</li></ul>")
    text = _text(_reader(document))
    for expected in (
        "事業承継計画書",
        "株式会社山田製作所",
        "2026 第1期",
        "現経営者の想いを次の世代へ",
    ):
        assert expected in text
    assert "ビジョン" in text
    assert "技術承継" in text


def test_the_japanese_font_is_embedded_as_a_subset():
    document = PdfDocument(title="修了証")
    document.paragraph("修了証")
    reader = _reader(document)
    fonts = [font.get_object() for font in reader.pages[0]["/Resources"]["/Font"].values()]
    assert fonts
    for font in fonts:
        base = str(font["/BaseFont"])
        assert base.endswith("+IPAexGothic"), base  # a subset: tag + name
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor  # the glyphs are inside the file


def test_long_japanese_lines_wrap_onto_more_pages_instead_of_running_off():
    document = PdfDocument()
    document.paragraph("地域のものづくりを支えてきた当社を次の世代に引き継ぐ。" * 400)
    reader = _reader(document)
    assert len(reader.pages) > 1
    assert "引き継ぐ" in reader.pages[-1].extract_text()


def test_metadata_carries_the_title_and_language():
    document = PdfDocument(title="修了証", author="後継者育成塾")
    reader = _reader(document)
    assert reader.metadata.title == "修了証"
    assert reader.metadata.author == "後継者育成塾"
    assert reader.trailer["/Root"]["/Lang"] == "ja"
