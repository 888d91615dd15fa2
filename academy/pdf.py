"""The one way to make a PDF: fpdf2 with a Japanese font embedded (subset) in the file.

The font is IPAex Gothic (academy/fonts/, IPA Font License v1.0, redistributable with its
licence), shipped with the code so that a certificate or a plan prints the same on a machine
without Japanese system fonts, and opens the same in any reader (the glyphs travel with the
file; nothing relies on the reader's Asian font pack).

    document = PdfDocument(title=_("Succession plan"), author=school_name)
    document.heading(plan_title)
    document.paragraph(text)              # plain text; long Japanese lines wrap by character
    document.rich_text(sanitized_html)    # output of academy.sanitizer only
    document.key_values([(label, value), ...])
    pdf_bytes = document.output()

Feature apps build their layout from these calls (or from `document.pdf`, the FPDF object,
for a certificate's free layout) and never load fonts themselves.
"""

from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FILE = FONT_DIR / "ipaexg.ttf"
FONT_FAMILY = "IPAexGothic"

HEADING_SIZES = {1: 18, 2: 14, 3: 12}
BODY_SIZE = 10.5


class PdfDocument:
    """An A4 document whose text is in the embedded Japanese font."""

    def __init__(self, *, title="", author="", orientation="portrait", margin=18):
        pdf = FPDF(orientation=orientation, unit="mm", format="A4")
        pdf.set_margins(margin, margin, margin)
        pdf.set_auto_page_break(auto=True, margin=margin)
        # One face ships: bold and italic text use it too rather than failing.
        for style in ("", "B", "I", "BI"):
            pdf.add_font(FONT_FAMILY, style, str(FONT_FILE))
        pdf.set_font(FONT_FAMILY, size=BODY_SIZE)
        pdf.set_title(str(title))
        if author:
            pdf.set_author(str(author))
        pdf.set_creator("Successor Academy")
        pdf.set_lang("ja")
        pdf.add_page()
        self.pdf = pdf

    @property
    def width(self):
        """The usable width between the margins, in mm."""
        return self.pdf.epw

    def heading(self, text, level=1):
        self.pdf.set_font(FONT_FAMILY, size=HEADING_SIZES.get(level, BODY_SIZE))
        self.pdf.multi_cell(self.width, None, str(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.pdf.set_font(FONT_FAMILY, size=BODY_SIZE)
        self.pdf.ln(2)

    def paragraph(self, text, size=BODY_SIZE, align="L"):
        """Plain text; line breaks kept; wraps inside words (Japanese has no spaces)."""
        self.pdf.set_font(FONT_FAMILY, size=size)
        self.pdf.multi_cell(
            self.width,
            size * 0.6,
            str(text),
            align=align,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
            wrapmode="CHAR",
        )
        self.pdf.set_font(FONT_FAMILY, size=BODY_SIZE)
        self.pdf.ln(1.5)

    def rich_text(self, sanitized_html):
        """HTML that academy.sanitizer produced (paragraphs, lists, emphasis, links)."""
        self.pdf.set_font(FONT_FAMILY, size=BODY_SIZE)
        self.pdf.write_html(
            str(sanitized_html),
            font_family=FONT_FAMILY,
            tag_styles=None,
        )
        self.pdf.ln(2)

    def key_values(self, rows, label_width=45):
        """Label / value lines, e.g. the trainee, the cohort, the date printed."""
        for label, value in rows:
            self.pdf.set_font(FONT_FAMILY, size=BODY_SIZE)
            self.pdf.set_text_color(90)
            self.pdf.cell(label_width, 6.5, str(label))
            self.pdf.set_text_color(0)
            self.pdf.multi_cell(
                self.width - label_width,
                6.5,
                str(value),
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
                wrapmode="CHAR",
            )
        self.pdf.ln(2)

    def rule(self):
        y = self.pdf.get_y() + 1
        self.pdf.set_draw_color(180)
        self.pdf.line(self.pdf.l_margin, y, self.pdf.l_margin + self.width, y)
        self.pdf.set_y(y + 3)

    def output(self):
        """The finished file as bytes."""
        return bytes(self.pdf.output())
