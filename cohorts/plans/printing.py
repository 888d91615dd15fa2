"""The plan (or a snapshot of it) as a PDF, through academy.pdf (IPAex Gothic embedded): for
the family, the bank, the successor's advisers."""

from django.http import HttpResponse
from django.utils.translation import gettext as _

from academy.datetimes import date_stamp, format_date
from academy.downloads import content_disposition
from academy.pdf import PdfDocument


def plan_pdf(*, membership, company, sections, printed_at, as_of=None):
    """sections: plan sections each with `.latest` (a version or None), in reading order."""
    trainee = membership.user.get_full_name() or membership.user.email
    title = _("Succession plan")
    document = PdfDocument(title=f"{title} · {trainee}", author=_("Successor Academy"))
    document.heading(title)
    rows = [
        (_("Trainee"), trainee),
        (_("Company"), company or "—"),
        (_("Cohort"), membership.cohort.name),
    ]
    if as_of is not None:
        rows.append((_("As of"), format_date(as_of)))
    rows.append((_("Printed on"), format_date(printed_at)))
    document.key_values(rows)
    document.rule()
    for section in sections:
        document.heading(section.title, level=2)
        if section.latest is None:
            document.paragraph(_("Not written yet."))
            continue
        document.rich_text(section.latest.body)
        document.paragraph(
            _("Version %(number)d, %(date)s, %(author)s")
            % {
                "number": section.latest.number,
                "date": format_date(section.latest.created_at),
                "author": section.latest.author_name,
            },
            size=8,
        )
    return document.output()


def pdf_response(data, filename):
    """The PDF as a private download (never cached, never sniffed)."""
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def pdf_filename(membership, moment):
    name = (membership.user.get_full_name() or "").replace(" ", "").replace("\u3000", "")
    return f"{_('Succession plan')}_{name}_{date_stamp(moment)}.pdf"
