"""Every change to a review's scores, points or state goes through save_review (one audit
entry per change: who, when, before, after).

Nothing is lost: every save carries the version it was based on. A save based on an older
version is refused with ReviewConflict, which lists what was changed since (by whom, when)
so the form can show it beside the text just typed. The check is a conditional update
(`version = based_on`) inside the transaction, backed by the one-review-per-attempt
constraint for the very first save, so it holds on SQLite and PostgreSQL alike.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from academy.audit import record_change
from academy.models import AuditEntry
from academy.sanitizer import clean_user_text
from cohorts import access
from cohorts.coursework.models import RubricCriterion, RubricLevel, Submission
from cohorts.review import scoring
from cohorts.review.models import (
    CriterionScore,
    GuestEvaluator,
    ReleasePolicy,
    Review,
    ReviewMarker,
    ReviewRelease,
)

from .notifications import notify_trainee

ACTIONS = ("save", "ready", "release", "return")
TEXTS = ("feedback", "revision_request", "private_note", "adjustment_reason")
AUDITED = (
    "state",
    "assigned_to",
    "scores",
    "manual_points",
    "adjustment",
    "adjustment_reason",
    "points",
    "points_possible",
    "feedback",
    "revision_request",
    "private_note",
)
LABELS = {
    "state": _("State"),
    "assigned_to": _("Assigned to"),
    "scores": _("Rubric scores"),
    "manual_points": _("Points"),
    "adjustment": _("Adjustment"),
    "adjustment_reason": _("Reason for the adjustment"),
    "points": _("Points awarded"),
    "points_possible": _("Out of"),
    "feedback": _("Feedback"),
    "revision_request": _("What to revise"),
    "private_note": _("Private note"),
}


class ReviewRefused(Exception):
    """A change that may not be made, with translated messages (per form field in errors)."""

    def __init__(self, message, code="refused", errors=None):
        super().__init__(str(message))
        self.message = message
        self.code = code
        self.errors = errors or {}


def refuse_if_archived(cohort):
    """Reviews of an archived cohort are frozen: ReviewRefused with the cohort's message."""
    if cohort.is_archived:
        raise ReviewRefused(cohort.ARCHIVED_MESSAGE, "archived")


class ReviewConflict(ReviewRefused):
    """The review changed since the version the form was based on."""

    def __init__(self, review, changes):
        super().__init__(
            _(
                "Someone else saved this review while you were working on it. Nothing of "
                "yours was saved: your text is still in the form below. Check what they "
                "changed, then save again to replace their version."
            ),
            "conflict",
        )
        self.review = review
        self.changes = changes


@dataclass
class Changes:
    """What a mentor's form sends: a level per criterion, texts, points."""

    levels: dict = field(default_factory=dict)  # criterion pk -> level pk or None
    feedback: str = ""
    revision_request: str = ""
    private_note: str = ""
    adjustment: Decimal = Decimal("0.00")
    adjustment_reason: str = ""
    manual_points: Decimal | None = None


# Reading --------------------------------------------------------------------------------------


def criteria_of(assignment):
    """The criteria of the assignment's rubric, each with its levels (best first)."""
    if assignment.rubric_id is None:
        return []
    return list(
        RubricCriterion.objects.filter(rubric_id=assignment.rubric_id)
        .order_by("position", "pk")
        .prefetch_related(
            Prefetch("levels", queryset=RubricLevel.objects.order_by("position", "-points"))
        )
    )


def guests_for(submission):
    """{criterion pk: GuestEvaluator} for the criteria a guest scores on this attempt."""
    owners = {}
    guests = GuestEvaluator.objects.filter(
        assignment_id=submission.assignment_id,
        revoked_at__isnull=True,
        trainees=submission.membership_id,
    ).prefetch_related("criteria")
    for guest in guests.select_related("user"):
        for criterion in guest.criteria.all():
            owners.setdefault(criterion.pk, guest)
    return owners


def policy_for(cohort_id):
    return ReleasePolicy.objects.filter(cohort_id=cohort_id).first()


def audit_state(review, scores):
    """The audited values of a review (scores: {criterion pk: CriterionScore})."""
    return {
        "state": review.state,
        "assigned_to": review.assigned_to_id,
        "scores": {str(pk): score.level_id for pk, score in sorted(scores.items())},
        "manual_points": _number(review.manual_points),
        "adjustment": _number(review.adjustment),
        "adjustment_reason": review.adjustment_reason,
        "points": _number(review.points),
        "points_possible": review.points_possible,
        "feedback": review.feedback,
        "revision_request": review.revision_request,
        "private_note": review.private_note,
        "version": review.version,
    }


def _number(value):
    return None if value is None else str(scoring.as_points(value))


def changes_since(review, version):
    """What changed after `version`: [{field, label, value, actor, at}] newest first."""
    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Review),
        object_id=str(review.pk),
    ).select_related("actor")
    changes = []
    for entry in entries.order_by("-created_at", "-pk"):
        after, before = entry.after or {}, entry.before or {}
        if (after.get("version") or 0) <= version:
            continue
        for name in AUDITED:
            if name in after and after.get(name) != before.get(name):
                changes.append(
                    {
                        "field": name,
                        "label": LABELS[name],
                        "value": after.get(name),
                        "actor": entry.actor,
                        "at": entry.created_at,
                    }
                )
    return changes


# The arithmetic --------------------------------------------------------------------------------


def compute_points(possible, criteria, chosen, manual_points, adjustment):
    """(points or None while incomplete, list of criteria still unscored).

    chosen: {criterion pk: RubricLevel}. Raises scoring.OutOfRange for a total outside 0…P.
    """
    if criteria:
        missing = [c for c in criteria if c.pk not in chosen]
        if missing:
            return None, missing
        raw = sum(level.points for level in chosen.values())
        top = scoring.rubric_max([level.points for level in c.levels.all()] for c in criteria)
        return scoring.total(raw, top, possible, adjustment), []
    if manual_points is None:
        return None, []
    return scoring.manual_total(manual_points, possible, adjustment), []


# Writing ---------------------------------------------------------------------------------------


def _locked_review(submission, based_on):
    """The submission's review, locked for this transaction (a new one at version 0)."""
    review = (
        Review.objects.select_for_update(of=("self",))
        .select_related("assigned_to__user")
        .filter(submission=submission)
        .first()
    )
    if review is not None:
        return review
    try:
        with transaction.atomic():
            return Review.objects.create(submission=submission, version=0)
    except IntegrityError:
        # Created by someone else at the same moment: their save wins, this one is stale.
        review = Review.objects.get(submission=submission)
        raise ReviewConflict(review, changes_since(review, based_on)) from None


def _check_version(review, based_on, actor):
    """The version this save builds on: based_on, or the current one when every change since
    was this same person's (their own autosave a moment ago is not a conflict)."""
    if review.version == based_on:
        return based_on
    changes = changes_since(review, based_on)
    if changes and all(c["actor"] == actor for c in changes):
        return review.version
    raise ReviewConflict(review, changes)


def _store(review, based_on, actor):
    """Write the review as the next version: 0 rows means someone else won the race."""
    updated = Review.objects.filter(pk=review.pk, version=based_on).update(version=based_on + 1)
    if not updated:
        raise ReviewConflict(review, changes_since(review, based_on))
    review.version = based_on + 1
    review.updated_by = actor
    review.save()


def _write_scores(review, criteria, chosen, owners, actor, guest=None):
    """Replace the rows of the criteria this writer owns (a guest's, or every other)."""
    existing = {s.criterion_id: s for s in review.scores.all()}
    for criterion in criteria:
        owned = owners.get(criterion.pk) == guest if guest else criterion.pk not in owners
        if not owned:
            continue
        level, score = chosen.get(criterion.pk), existing.get(criterion.pk)
        if level is None:
            if score is not None:
                score.delete()
        elif score is None or score.level_id != level.pk:
            CriterionScore.objects.update_or_create(
                review=review,
                criterion=criterion,
                defaults={"level": level, "scored_by": actor, "guest": guest},
            )


def _current_scores(review):
    return {s.criterion_id: s for s in review.scores.select_related("level")}


def _attempts_left(submission):
    limit = submission.assignment.max_attempts
    if limit is None:
        return True
    used = Submission.objects.filter(
        assignment_id=submission.assignment_id, membership_id=submission.membership_id
    ).submitted()
    return used.count() < limit


def _is_latest(submission):
    return not (
        Submission.objects.submitted()
        .filter(
            assignment_id=submission.assignment_id,
            membership_id=submission.membership_id,
            attempt__gt=submission.attempt,
        )
        .exists()
    )


def _check_action(actor, submission, review, action, points, missing, changes, policy):
    errors = {}
    if action in ("release", "ready") and (missing or points is None):
        if missing:
            names = "、".join(str(c.title) for c in missing)
            errors["__all__"] = _("Score every criterion before releasing: %(names)s.") % {
                "names": names
            }
        else:
            errors["manual_points"] = _("Give the points before releasing.")
    if action == "return" and not changes.revision_request.strip():
        errors["revision_request"] = _("Tell the trainee what to revise.")
    if action in ("release", "return", "ready") and not _is_latest(submission):
        errors["__all__"] = _("A newer attempt exists: review that one instead.")
    if action == "return" and not _attempts_left(submission):
        errors["__all__"] = _(
            "The trainee has used every attempt allowed, so the work cannot be returned: "
            "release the review instead."
        )
    if action == "release" and not access.may_release(actor, policy):
        errors["__all__"] = _(
            "In this cohort the office releases reviews: mark this one ready instead."
        )
    if errors:
        raise ReviewRefused(_("Please correct the marked fields."), "invalid", errors)


def _chosen_levels(criteria, owners, levels, existing, *, guest=None):
    """{criterion pk: RubricLevel} after this writer's choices (others' kept)."""
    chosen, errors = {}, {}
    for criterion in criteria:
        mine = owners.get(criterion.pk) == guest if guest else criterion.pk not in owners
        if not mine:
            if criterion.pk in existing:
                chosen[criterion.pk] = existing[criterion.pk].level
            continue
        wanted = levels.get(criterion.pk)
        if wanted in (None, ""):
            continue
        level = next((lv for lv in criterion.levels.all() if str(lv.pk) == str(wanted)), None)
        if level is None:
            errors[f"criterion_{criterion.pk}"] = _("Choose one of this criterion's levels.")
        else:
            chosen[criterion.pk] = level
    if errors:
        raise ReviewRefused(_("Please correct the marked fields."), "invalid", errors)
    return chosen


def save_review(actor, submission, *, based_on, changes, action="save", now=None):
    """Save a mentor's (or staff member's) changes and apply action; returns the Review.

    action: "save" (a draft, or changes to a published review not yet re-released),
    "ready" (for the office to release), "release", or "return" (for revision).
    """
    if action not in ACTIONS:
        raise ReviewRefused(_("Unknown action."), "invalid")
    now = now or timezone.now()
    assignment = submission.assignment
    refuse_if_archived(assignment.cohort)
    with transaction.atomic():
        review = _locked_review(submission, based_on)
        based_on = _check_version(review, based_on, actor)
        criteria = criteria_of(assignment)
        owners = guests_for(submission)
        existing = _current_scores(review)
        before = audit_state(review, existing)
        chosen = _chosen_levels(criteria, owners, changes.levels, existing)
        adjustment = scoring.as_points(changes.adjustment) or Decimal("0.00")
        manual = None if criteria else scoring.as_points(changes.manual_points)
        errors = {}
        if adjustment and not changes.adjustment_reason.strip():
            errors["adjustment_reason"] = _("Give a reason for the adjustment.")
        if manual is not None and not 0 <= manual <= assignment.points:
            errors["manual_points"] = _("Give points between 0 and %(max)s.") % {
                "max": assignment.points
            }
            manual = None
        try:
            points, missing = compute_points(
                assignment.points, criteria, chosen, manual, adjustment
            )
        except scoring.OutOfRange:
            errors["adjustment"] = _(
                "With this adjustment the total would fall outside 0 to %(max)s points."
            ) % {"max": assignment.points}
            points, missing = None, []
        if errors:
            raise ReviewRefused(_("Please correct the marked fields."), "invalid", errors)
        policy = policy_for(assignment.cohort_id)
        _check_action(actor, submission, review, action, points, missing, changes, policy)

        review.feedback = clean_user_text(changes.feedback)
        review.revision_request = changes.revision_request.strip()
        review.private_note = changes.private_note.strip()
        review.adjustment = adjustment
        review.adjustment_reason = changes.adjustment_reason.strip() if adjustment else ""
        review.manual_points = manual
        review.points = points
        review.points_possible = assignment.points
        if review.author_id is None:
            review.author = actor
        if action == "ready":
            review.state = Review.State.READY
        elif action == "release":
            review.state = Review.State.RELEASED
        elif action == "return":
            review.state = Review.State.RETURNED
        if _repeats_last_publication(review, action, before, chosen):
            return review  # a second click on the same release or return: nothing to do
        _store(review, based_on, actor)
        _write_scores(review, criteria, chosen, owners, actor)
        release = None
        if action in ("release", "return"):
            release = _publish(actor, review, submission, chosen, criteria, now)
        reason = _on_behalf_reason(actor, review, release)
        record_change(
            actor=actor,
            obj=review,
            action=action if action != "save" else ("create" if based_on == 0 else "update"),
            before=None if based_on == 0 else before,
            after=audit_state(review, _current_scores(review)),
            reason=reason,
        )
    return review


def _repeats_last_publication(review, action, before, chosen):
    """True when a release or return would publish exactly what was last published (the
    same form posted twice: a double click, a resent request)."""
    published = {"release": Review.State.RELEASED, "return": Review.State.RETURNED}
    if action not in published or before["state"] != published[action]:
        return False
    last = review.releases.order_by("-number").first()
    if last is None or last.review_version != before["version"]:
        return False
    after = audit_state(review, {})
    after["scores"] = {str(pk): level.pk for pk, level in sorted(chosen.items())}
    return {k: v for k, v in after.items() if k != "version"} == {
        k: v for k, v in before.items() if k != "version"
    }


def _on_behalf_reason(actor, review, release):
    if release is None or release.on_behalf_of_id is None:
        return ""
    return str(
        _("%(action)s by the office on behalf of %(mentor)s.")
        % {
            "action": release.get_outcome_display(),
            "mentor": release.on_behalf_of.get_full_name(),
        }
    )


def _score_rows(criteria, chosen):
    rows = []
    for criterion in criteria:
        level = chosen.get(criterion.pk)
        rows.append(
            {
                "criterion": criterion.title,
                "level": level.title if level else "",
                "points": level.points if level else None,
                "max": max((lv.points for lv in criterion.levels.all()), default=0),
            }
        )
    return rows


def _publish(actor, review, submission, chosen, criteria, now):
    """Freeze what the trainee sees; move the attempt on; tell the trainee after commit."""
    outcome = (
        ReviewRelease.Outcome.RELEASED
        if review.state == Review.State.RELEASED
        else ReviewRelease.Outcome.RETURNED
    )
    number = (review.releases.order_by("-number").values_list("number", flat=True).first()) or 0
    mentor = review.assigned_to.user if review.assigned_to_id else review.author
    on_behalf = None
    if access.is_staff(actor) and mentor is not None and mentor.pk != actor.pk:
        on_behalf = mentor
    release = ReviewRelease.objects.create(
        review=review,
        number=number + 1,
        review_version=review.version,
        outcome=outcome,
        feedback=review.feedback,
        revision_request=review.revision_request if outcome == "returned" else "",
        scores=_score_rows(criteria, chosen),
        adjustment=review.adjustment,
        adjustment_reason=review.adjustment_reason,
        points=review.points if outcome == "released" else None,
        points_possible=review.points_possible,
        author_name=(review.author.get_full_name() if review.author else ""),
        released_by=actor,
        on_behalf_of=on_behalf,
        released_at=now,
    )
    status = Submission.Status.GRADED if outcome == "released" else Submission.Status.RETURNED
    Submission.objects.filter(pk=submission.pk).update(status=status, updated_at=now)
    submission.status = status
    if submission.assignment.rubric_id and outcome == "released":
        submission.assignment.rubric.lock()
    ReviewMarker.objects.filter(submission=submission).delete()
    transaction.on_commit(lambda: notify_trainee(release.pk))
    return release


def save_guest_scores(guest, actor, submission, *, based_on, levels):
    """A guest evaluator's levels for their own criteria (the rest stay as they are)."""
    refuse_if_archived(submission.assignment.cohort)
    with transaction.atomic():
        review = _locked_review(submission, based_on)
        based_on = _check_version(review, based_on, actor)
        criteria = criteria_of(submission.assignment)
        owners = guests_for(submission)
        existing = _current_scores(review)
        before = audit_state(review, existing)
        chosen = _chosen_levels(criteria, owners, levels, existing, guest=guest)
        try:
            points, _missing = compute_points(
                submission.assignment.points, criteria, chosen, None, review.adjustment
            )
        except scoring.OutOfRange:
            points = None
        review.points = points
        review.points_possible = submission.assignment.points
        _store(review, based_on, actor)
        _write_scores(review, criteria, chosen, owners, actor, guest=guest)
        record_change(
            actor=actor,
            obj=review,
            action="guest_scores" if based_on else "create",
            before=None if based_on == 0 else before,
            after=audit_state(review, _current_scores(review)),
            reason=str(_("Scores of a guest evaluator.")),
        )
    return review


def reassign(actor, submission, mentor_membership, *, reason=""):
    """Staff hand a submission to another mentor of the trainee's cohort (recorded)."""
    refuse_if_archived(submission.membership.cohort)
    if mentor_membership is not None and (
        not mentor_membership.is_mentor
        or not mentor_membership.is_active
        or mentor_membership.cohort_id != submission.membership.cohort_id
    ):
        raise ReviewRefused(_("Choose a mentor of the trainee's cohort."), "invalid")
    with transaction.atomic():
        review = Review.objects.select_for_update().filter(
            submission=submission
        ).first() or _locked_review(submission, 0)
        existing = _current_scores(review)
        before = audit_state(review, existing)
        based_on = review.version
        review.assigned_to = mentor_membership
        _store(review, based_on, actor)
        record_change(
            actor=actor,
            obj=review,
            action="reassign",
            before=before,
            after=audit_state(review, existing),
            reason=reason,
        )
    return review


def release_ready(actor, assignment, submission_ids, *, now=None):
    """Staff release an assignment's ready reviews together; returns how many went out
    (ReviewRefused, nothing released, once the cohort is archived)."""
    refuse_if_archived(assignment.cohort)
    released = 0
    reviews = Review.objects.filter(
        submission__assignment=assignment,
        submission_id__in=submission_ids,
        state=Review.State.READY,
    ).select_related("submission__assignment__rubric", "submission__membership")
    for review in reviews:
        changes = Changes(
            levels={s.criterion_id: s.level_id for s in review.scores.all()},
            feedback=review.feedback,
            revision_request=review.revision_request,
            private_note=review.private_note,
            adjustment=review.adjustment,
            adjustment_reason=review.adjustment_reason,
            manual_points=review.manual_points,
        )
        try:
            save_review(
                actor,
                review.submission,
                based_on=review.version,
                changes=changes,
                action="release",
                now=now,
            )
        except ReviewRefused:
            continue
        released += 1
    return released


# The soft marker ---------------------------------------------------------------------------------


def mark_open(user, submission, now=None):
    """Remember that user has this review open (no version, no audit: it locks nothing)."""
    now = now or timezone.now()
    ReviewMarker.objects.update_or_create(
        submission=submission, defaults={"user": user, "since": now}
    )


def mark_seen(release, now=None):
    """The trainee opened this feedback: it is no longer new on their dashboard."""
    if release.seen_at is None:
        release.seen_at = now or timezone.now()
        ReviewRelease.objects.filter(pk=release.pk, seen_at__isnull=True).update(
            seen_at=release.seen_at
        )
