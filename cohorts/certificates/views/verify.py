"""The public verification page: valid (name, programme, date) or not valid, rate-limited."""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from cohorts.certificates.forms import VerifyForm
from cohorts.certificates.services.verification import allow_lookup, normalise, verify


@require_GET
def verify_form(request):
    """The form; a code typed into it goes to the code's own address."""
    form = VerifyForm(request.GET or None)
    if form.is_valid():
        return redirect("certificates:verify_code", code=normalise(form.cleaned_data["code"]))
    return render(request, "cohorts/certificates/verify.html", {"form": form})


@require_GET
def verify_code(request, code):
    if not allow_lookup(request):
        return render(
            request,
            "cohorts/certificates/verify.html",
            {"limited": True, "form": VerifyForm()},
            status=429,
        )
    result = verify(code)
    response = render(
        request,
        "cohorts/certificates/verify.html",
        {"checked": True, "result": result, "form": VerifyForm()},
    )
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
