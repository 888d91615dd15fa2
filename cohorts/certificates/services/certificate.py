"""The 修了証 (certificate of completion) as a PDF, made by the task worker.

Always in Japanese (the school's document), in the one PDF helper's embedded font: the
school's name, the trainee's name, the programme (course) and 期 (cohort) with its dates, the
date of completion, the signatory with the seal staff uploaded, and the verification code
with the URL where anyone can check it. The file goes to private storage under a random
name; the trainee downloads it through an access-checked view.
"""

import io
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.tasks import task
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from academy.datetimes import format_date
from academy.links import absolute_reverse
from academy.pdf import FONT_FAMILY, PdfDocument
from cohorts.certificates.models import Completion, CompletionRule

logger = logging.getLogger(__name__)
SEAL_SIZE = 22  # mm


def school_name():
    return settings.WAGTAIL_SITE_NAME


def verification_url(code):
    return absolute_reverse("certificates:verify_code", code=code)


def _seal_bytes(rule):
    if rule is None or not rule.seal:
        return None
    try:
        with rule.seal.storage.open(rule.seal.name, "rb") as handle:
            return handle.read()
    except OSError:
        logger.warning("The seal image of %s is missing from storage.", rule.cohort)
        return None


# Characters a Japanese line may not start with (kinsoku): they stay on the line before.
NO_LINE_START = set("」）』】〕、。，．・：；？！ー々ゝゞぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮ")


def wrap_japanese(pdf, text, width):
    """Lines of text that fit width in the current font, broken between any two characters
    except before closing brackets and punctuation (which hang on the line before)."""
    lines, line = [], ""
    for char in text:
        if line and pdf.get_string_width(line + char) > width and char not in NO_LINE_START:
            lines.append(line)
            line = char.lstrip()
        else:
            line += char
    if line:
        lines.append(line)
    return lines


def _centered(pdf, text, size, height, gap=0):
    pdf.set_font(FONT_FAMILY, size=size)
    pdf.multi_cell(pdf.epw, height, text, align="C", new_x="LMARGIN", new_y="NEXT")
    if gap:
        pdf.ln(gap)


def render_certificate(completion, rule=None):
    """The certificate's PDF bytes (Japanese whatever the active language)."""
    membership = completion.membership
    cohort = membership.cohort
    course = cohort.course.specific if hasattr(cohort.course, "specific") else cohort.course
    with translation.override("ja"):
        document = PdfDocument(
            title=_("Certificate of completion"), author=school_name(), margin=25
        )
        pdf = document.pdf
        pdf.set_draw_color(150, 120, 60)
        pdf.set_line_width(1.2)
        pdf.rect(12, 12, pdf.w - 24, pdf.h - 24)
        pdf.set_line_width(0.3)
        pdf.rect(15, 15, pdf.w - 30, pdf.h - 30)
        pdf.set_y(45)
        _centered(pdf, _("Certificate of completion"), 34, 16, 18)
        name = membership.user.get_full_name() or membership.user.email
        _centered(pdf, _("Awarded to %(name)s") % {"name": name}, 22, 12, 14)
        body = _(
            "You have completed the programme “%(course)s” of %(school)s, %(cohort)s "
            "(%(start)s to %(end)s). We hereby certify it."
        ) % {
            "course": course.title,
            "school": school_name(),
            "cohort": cohort.name,
            "start": format_date(cohort.starts_on),
            "end": format_date(cohort.ends_on),
        }
        pdf.set_font(FONT_FAMILY, size=14)
        for line in wrap_japanese(pdf, body, pdf.epw - 16):
            pdf.set_x(pdf.l_margin + 8)
            pdf.cell(pdf.epw - 16, 10, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(14)
        _centered(pdf, format_date(completion.confirmed_at), 13, 8, 10)
        _centered(pdf, school_name(), 16, 9, 4)
        signatory = (rule.signatory if rule is not None else "") or ""
        line_y = pdf.get_y()
        if signatory:
            _centered(pdf, signatory, 14, 8)
        seal = _seal_bytes(rule)
        if seal:
            # The seal sits just right of the signatory's name, as a stamp does; without a
            # signatory, centred under the school's name.
            pdf.set_font(FONT_FAMILY, size=14)
            width = pdf.get_string_width(signatory) if signatory else 0
            x = pdf.w / 2 + width / 2 + 1 if signatory else pdf.w / 2 - SEAL_SIZE / 2
            pdf.image(
                io.BytesIO(seal),
                x=x,
                y=line_y - 6,
                w=SEAL_SIZE,
                h=SEAL_SIZE,
                keep_aspect_ratio=True,
            )
        pdf.set_y(pdf.h - 52)
        pdf.set_font(FONT_FAMILY, size=9)
        pdf.set_text_color(80)
        lines = [
            _("Verification code: %(code)s") % {"code": completion.code},
            _("Check this certificate at %(url)s") % {"url": verification_url(completion.code)},
        ]
        for line in lines:
            pdf.multi_cell(pdf.epw, 5, line, align="C", new_x="LMARGIN", new_y="NEXT")
        return document.output()


def certificate_filename(completion):
    cohort = completion.membership.cohort
    return f"修了証_{cohort.name}_{completion.membership.user.get_full_name()}.pdf"


@task()
def make_certificate(completion_id):
    """Make and store one completion's certificate; a revoked or already made one is left."""
    completion = (
        Completion.objects.select_related("membership__user", "membership__cohort__course")
        .filter(pk=completion_id)
        .first()
    )
    if completion is None or completion.is_revoked or completion.certificate:
        return "skipped"
    rule = CompletionRule.objects.filter(cohort_id=completion.membership.cohort_id).first()
    content = render_certificate(completion, rule)
    with transaction.atomic():
        locked = Completion.objects.select_for_update().get(pk=completion.pk)
        if locked.is_revoked or locked.certificate:
            return "skipped"
        locked.certificate.save("certificate", ContentFile(content), save=False)
        locked.generated_at = timezone.now()
        locked.save(update_fields=["certificate", "generated_at"])
    return "made"
