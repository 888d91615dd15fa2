"""The trainee's certificate download: a private file through the access rules, never a URL."""

from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_GET

from cohorts import access
from cohorts.certificates.services.certificate import certificate_filename
from cohorts.uploads.responses import private_download


@login_required
@require_GET
def download(request, pk):
    completion = access.get_certificate_or_404(request.user, pk)
    return private_download(
        completion.certificate,
        filename=certificate_filename(completion),
        content_type="application/pdf",
    )
