"""Staff, in the Wagtail admin: import a roster CSV (upload → preview → confirm)."""

from django.contrib import messages
from django.core import signing
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from academy.exports import csv_response
from cohorts import roster
from cohorts.access import staff_required
from cohorts.forms import RosterUploadForm
from cohorts.models import Cohort

from .admin_invitations import memberships_url

SALT = "cohorts.roster"
PAYLOAD_MAX_AGE = 60 * 60  # an hour to look at the preview


def _preview(request, form, cohort, text):
    try:
        preview = roster.parse(text, cohort)
    except roster.RosterFileError as error:
        form.add_error("file", str(error))
        return render(request, "cohorts/admin/roster_import.html", {"form": form})
    payload = signing.dumps({"cohort": cohort.pk, "csv": text}, salt=SALT, compress=True)
    return render(
        request,
        "cohorts/admin/roster_preview.html",
        {"form": form, "preview": preview, "payload": payload, "cohort": cohort},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def roster_import(request):
    if request.method == "POST" and "payload" in request.POST:
        return _confirm(request)
    form = RosterUploadForm(
        request.POST or None, request.FILES or None, initial={"cohort": request.GET.get("cohort")}
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > roster.MAX_BYTES:
            form.add_error("file", _("The file is too large (2 MB at most)."))
        else:
            try:
                text = roster.decode(upload.read())
            except roster.RosterFileError as error:
                form.add_error("file", str(error))
            else:
                return _preview(request, form, form.cleaned_data["cohort"], text)
    return render(request, "cohorts/admin/roster_import.html", {"form": form})


def _confirm(request):
    try:
        data = signing.loads(request.POST["payload"], salt=SALT, max_age=PAYLOAD_MAX_AGE)
        cohort = Cohort.objects.exclude(status=Cohort.Status.ARCHIVED).get(pk=data["cohort"])
    except (signing.BadSignature, KeyError, TypeError, Cohort.DoesNotExist):
        messages.error(request, _("The preview has expired: upload the file again."))
        return redirect("cohorts_admin:roster_import")
    form = RosterUploadForm(initial={"cohort": cohort.pk})
    preview = roster.parse(data["csv"], cohort)  # check again: things may have changed
    if not preview.is_valid:
        messages.error(request, _("Something changed since the preview: check the rows again."))
        return _preview(request, form, cohort, data["csv"])
    try:
        memberships = roster.save(preview, invited_by=request.user)
    except IntegrityError:
        # Someone added one of these people between the check and the save: nothing was
        # saved (roster.save is one transaction); show the rows again with what changed.
        messages.error(request, _("Something changed since the preview: check the rows again."))
        return _preview(request, form, cohort, data["csv"])
    messages.success(
        request,
        _("%(count)d people were added to %(cohort)s and e-mailed.")
        % {"count": len(memberships), "cohort": cohort},
    )
    return redirect(memberships_url(cohort))


@staff_required
@require_GET
def roster_template(request):
    return csv_response("roster-template.csv", roster.COLUMNS, roster.TEMPLATE_ROWS)
