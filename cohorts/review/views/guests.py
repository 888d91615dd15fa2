"""Guest evaluators: inviting and withdrawing (staff, mentors), the link that signs a guest
in, the guest's own page, and scoring their criteria on one attempt."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cohorts import access
from cohorts.coursework.models import Assignment, RubricCriterion, Submission
from cohorts.review.forms import GuestInviteForm, GuestScoreForm
from cohorts.review.models import GuestEvaluator, Review
from cohorts.review.services.guests import (
    guest_for_link,
    invite_guest,
    link_may_sign_in,
    revoke_guest,
)
from cohorts.review.services.reviews import (
    ReviewConflict,
    ReviewRefused,
    criteria_of,
    save_guest_scores,
)
from cohorts.services.confidential import record_view

from .files import can_show_inline


def _invite_form(request, assignment):
    return GuestInviteForm(
        request.POST or None,
        criteria=RubricCriterion.objects.filter(rubric_id=assignment.rubric_id).order_by(
            "position", "pk"
        ),
        trainees=access.trainees_visible_to(request.user)
        .filter(cohort_id=assignment.cohort_id, is_active=True)
        .select_related("user")
        .order_by("user__display_name", "pk"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def guest_list(request, pk):
    assignment = access.get_assignment_or_404(
        request.user, pk, Assignment.objects.select_related("cohort", "rubric")
    )
    if not access.may_invite_guests(request.user, assignment) or assignment.rubric_id is None:
        raise Http404
    form = _invite_form(request, assignment)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                invite_guest(
                    request.user,
                    assignment,
                    email=data["email"],
                    name=data["name"],
                    criteria=data["criteria"],
                    trainees=data["trainees"],
                    language=data["language"],
                )
            except ReviewRefused as refused:
                for field, message in refused.errors.items():
                    form.add_error(field if field in form.fields else None, message)
                if not refused.errors:
                    form.add_error(None, refused.message)
            else:
                messages.success(request, _("The invitation is on its way by e-mail."))
                return redirect("review:guest_list", pk=assignment.pk)
        status = 400
    guests = (
        access.guests_visible_to(request.user, assignment)
        .select_related("user", "invited_by")
        .prefetch_related("criteria", "trainees__user")
    )
    return render(
        request,
        "cohorts/review/guest_list.html",
        {"assignment": assignment, "form": form, "guests": guests},
        status=status,
    )


@login_required
@require_POST
def guest_revoke(request, pk):
    guest = get_object_or_404(GuestEvaluator.objects.select_related("assignment"), pk=pk)
    if not access.guests_visible_to(request.user, guest.assignment).filter(pk=pk).exists():
        raise Http404
    if guest.is_active:
        revoke_guest(request.user, guest)
        messages.success(request, _("The invitation is withdrawn."))
    return redirect("review:guest_list", pk=guest.assignment_id)


@never_cache
@require_http_methods(["GET", "POST"])
def guest_link(request, token):
    """The e-mail's link: GET asks to continue (link checkers only GET), POST signs in."""
    guest = guest_for_link(token)
    if guest is None:
        return render(request, "cohorts/review/guest_link_invalid.html", status=404)
    if request.user.is_authenticated and request.user.pk == guest.user_id:
        return redirect("review:guest_home")
    if not link_may_sign_in(guest.user):
        messages.info(request, _("Please sign in: your invitation is on your guest page."))
        return redirect(f"{reverse('account_login')}?next={reverse('review:guest_home')}")
    if request.method == "POST":
        login(request, guest.user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("review:guest_home")
    return render(request, "cohorts/review/guest_link.html", {"guest": guest})


@login_required
@require_GET
def guest_home(request):
    invitations = list(
        access.guest_invitations_of(request.user)
        .select_related("assignment__cohort")
        .prefetch_related("criteria")
    )
    rows = []
    for invitation in invitations:
        submissions = (
            access.guest_submissions(invitation)
            .select_related("membership__user")
            .order_by("membership__user__display_name", "attempt")
        )
        rows.append({"invitation": invitation, "submissions": submissions})
    if not rows:
        raise Http404
    return render(request, "cohorts/review/guest_home.html", {"rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def guest_score(request, guest_pk, pk):
    invitation = access.get_guest_invitation_or_404(request.user, guest_pk)
    submission = access.get_guest_submission_or_404(
        invitation,
        pk,
        Submission.objects.select_related("assignment", "membership__user").prefetch_related(
            "files"
        ),
    )
    if submission.assignment.asks_for_plan:  # a copy of the confidential plan
        record_view(
            viewer=request.user,
            trainee=submission.membership,
            obj=submission,
            path=request.get_full_path(),
        )
    mine = {c.pk for c in invitation.criteria.all()}
    criteria = [c for c in criteria_of(submission.assignment) if c.pk in mine]
    review = Review.objects.filter(submission=submission).prefetch_related("scores").first()
    form = GuestScoreForm(request.POST or None, criteria=criteria, review=review)
    status, conflict = 200, None
    if request.method == "POST":
        if form.is_valid():
            try:
                save_guest_scores(
                    invitation,
                    request.user,
                    submission,
                    based_on=form.cleaned_data["version"],
                    levels=form.levels(),
                )
            except ReviewConflict as refused:
                conflict = refused
                status = 409
                data = request.POST.copy()
                data["version"] = str(refused.review.version)
                form = GuestScoreForm(data, criteria=criteria, review=review)
                form.is_valid()
            except ReviewRefused as refused:
                form.add_error(None, refused.message)
                status = 400
            else:
                messages.success(request, _("Your scores are saved. Thank you."))
                return redirect("review:guest_score", guest_pk=invitation.pk, pk=submission.pk)
        else:
            status = 400
    files = list(submission.files.all())
    return render(
        request,
        "cohorts/review/guest_score.html",
        {
            "invitation": invitation,
            "submission": submission,
            "form": form,
            "files": files,
            "inline_images": [f for f in files if can_show_inline(f)],
            "conflict": conflict,
        },
        status=status,
    )
