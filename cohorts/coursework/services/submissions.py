"""Handing work in: drafts, submitting, resubmitting. Plain functions the views call.

Rules: the trainee's own active membership in the assignment's cohort, a cohort that still
takes work, an assignment that is open and not closed for them (their extension wins),
attempts left, and the required parts. A submit is idempotent by a key from the form and
backed by unique constraints. The row and its files are written together: a failure in the
middle deletes every file already stored and leaves no row.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from academy.datetimes import format_datetime, with_zone
from academy.links import absolute_reverse
from academy.mail import language_for, send_email
from cohorts.coursework.models import Submission, SubmissionFile
from cohorts.uploads.storage import private_storage, random_name
from cohorts.uploads.validation import max_files

RECEIPT_EMAIL = "cohorts/coursework/email/submission_received"
MENTOR_EMAIL = "cohorts/coursework/email/new_attempt_for_mentor"


class SubmissionRefused(Exception):
    """Work that may not be stored now, with a translated message for the trainee."""

    def __init__(self, message, code):
        super().__init__(message)
        self.message = message
        self.code = code


def attempts_of(assignment, membership):
    return list(
        Submission.objects.filter(assignment=assignment, membership=membership)
        .prefetch_related("files")
        .order_by("attempt")
    )


def state_of(attempts):
    """not_started, draft, submitted, returned or graded: what the trainee sees."""
    submitted = [a for a in attempts if not a.is_draft]
    if any(a.is_draft for a in attempts):
        return "draft"
    if not submitted:
        return "not_started"
    return submitted[-1].status


def check_can_work(assignment, membership, now=None):
    """Raise SubmissionRefused unless membership may add work to assignment now."""
    now = now or timezone.now()
    if (
        membership is None
        or not membership.is_active
        or not membership.is_trainee
        or membership.cohort_id != assignment.cohort_id
    ):
        raise SubmissionRefused(_("This assignment is not part of your cohort."), "not_member")
    if assignment.cohort.is_archived:
        raise SubmissionRefused(assignment.cohort.ARCHIVED_MESSAGE, "archived")
    if not assignment.cohort.accepts_new_work:
        raise SubmissionRefused(
            _("Your cohort has finished: you can read your work but not hand in new work."),
            "cohort_finished",
        )
    if not assignment.is_open(now):
        raise SubmissionRefused(
            _("This assignment opens on %(date)s.")
            % {"date": with_zone(format_datetime(assignment.opens_at))},
            "not_open",
        )
    if assignment.is_closed_for(membership, now):
        raise SubmissionRefused(
            _("The deadline has passed: this assignment no longer accepts work."), "closed"
        )


def _check_attempts(assignment, attempts):
    submitted = [a for a in attempts if not a.is_draft]
    if submitted and submitted[-1].status == Submission.Status.GRADED:
        raise SubmissionRefused(
            _("This assignment has been graded: no further attempts."), "graded"
        )
    if assignment.max_attempts and len(submitted) >= assignment.max_attempts:
        raise SubmissionRefused(
            _("You have used every attempt allowed for this assignment (%(count)d).")
            % {"count": assignment.max_attempts},
            "no_attempts_left",
        )


def refusal_for(assignment, membership, attempts, now=None):
    """The translated reason membership may not add work now, or None when they may."""
    try:
        check_can_work(assignment, membership, now)
        _check_attempts(assignment, attempts)
    except SubmissionRefused as refused:
        return refused.message
    return None


def _check_parts(assignment, text, file_count, *, final):
    if file_count > max_files():
        raise SubmissionRefused(
            _("Please attach at most %(limit)d files.") % {"limit": max_files()}, "too_many_files"
        )
    if not final:
        return
    has_text = bool(strip_tags(text or "").strip())
    if assignment.needs_text and not has_text:
        raise SubmissionRefused(_("This assignment needs a written answer."), "text_required")
    if assignment.needs_files and file_count == 0:
        raise SubmissionRefused(_("This assignment needs at least one file."), "files_required")
    if assignment.parts == assignment.Parts.EITHER and not has_text and file_count == 0:
        raise SubmissionRefused(_("Please write an answer or attach a file."), "empty")


def _store(submission, checked_files, stored_names):
    for checked in checked_files:
        record = SubmissionFile(
            submission=submission,
            original_name=checked.name,
            kind=checked.kind,
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
        )
        record.file.save(random_name(), checked.upload, save=False)
        stored_names.append(record.file.name)
        record.save()


def _atomically(work):
    """Run work(stored_names) in a transaction; on any failure delete the files it stored."""
    stored_names = []
    try:
        with transaction.atomic():
            return work(stored_names)
    except BaseException:
        storage = private_storage()
        for name in stored_names:
            storage.delete(name)
        raise


def _draft_for(assignment, membership, attempts, text):
    draft = next((a for a in attempts if a.is_draft), None)
    if draft is not None:
        draft = (
            Submission.objects.select_for_update()
            .filter(pk=draft.pk, status=Submission.Status.DRAFT)
            .first()
        )
        if draft is None:
            # Submitted from another window (or the first of a double click) since the
            # attempts were read: the callers turn this into "same key" or a polite conflict.
            raise IntegrityError("The draft was submitted meanwhile.")
        draft.text = text
        return draft
    return Submission(
        assignment=assignment,
        membership=membership,
        attempt=max((a.attempt for a in attempts), default=0) + 1,
        text=text,
    )


def _checked_attempts(assignment, membership, text, files, now, *, final, from_plan=False):
    """Every rule a save or a submit must pass; returns the trainee's attempts so far."""
    check_can_work(assignment, membership, now)
    if assignment.asks_for_plan and not from_plan:
        raise SubmissionRefused(
            _("This assignment asks for your succession plan: submit it with the plan button."),
            "asks_for_plan",
        )
    attempts = attempts_of(assignment, membership)
    _check_attempts(assignment, attempts)
    existing = sum(len(a.files.all()) for a in attempts if a.is_draft)
    _check_parts(assignment, text, existing + len(files), final=final)
    return attempts


def save_draft(assignment, membership, *, text="", files=(), now=None):
    """Create or update the trainee's one draft; returns it."""
    attempts = _checked_attempts(assignment, membership, text, files, now, final=False)

    def work(stored_names):
        draft = _draft_for(assignment, membership, attempts, text)
        draft.save()
        _store(draft, files, stored_names)
        return draft

    try:
        return _atomically(work)
    except IntegrityError:
        raise SubmissionRefused(
            _("Your work was saved from another window at the same moment; please reload."),
            "conflict",
        ) from None


def submit(assignment, membership, *, text="", files=(), key="", now=None, from_plan=False):
    """Submit the trainee's work as a new attempt; returns (submission, created).

    The same key twice (a double click, a retried request) returns the first attempt.
    from_plan: the text is a frozen copy of the trainee's succession plan (cohorts/plans),
    the only work an assignment that asks for the plan takes.
    """
    key = (key or "")[:64]
    if key:
        done = Submission.objects.filter(membership=membership, submit_key=key).first()
        if done is not None:
            return done, False
    now = now or timezone.now()
    attempts = _checked_attempts(
        assignment, membership, text, files, now, final=True, from_plan=from_plan
    )

    def work(stored_names):
        submission = _draft_for(assignment, membership, attempts, text)
        submission.save()
        _store(submission, files, stored_names)
        submission.status = Submission.Status.SUBMITTED
        submission.submitted_at = now
        submission.is_late = assignment.is_late(membership, now)
        submission.submit_key = key
        submission.save(
            update_fields=["text", "status", "submitted_at", "is_late", "submit_key", "updated_at"]
        )
        transaction.on_commit(lambda: notify_new_attempt(submission.pk))
        return submission

    try:
        return _atomically(work), True
    except IntegrityError:
        done = key and Submission.objects.filter(membership=membership, submit_key=key).first()
        if done:
            return done, False
        raise SubmissionRefused(
            _("Another attempt was submitted at the same moment; please reload the page."),
            "conflict",
        ) from None


def remove_draft_file(record):
    """Remove one file from a draft (the stored file goes once the transaction commits);
    SubmissionRefused once the cohort is archived."""
    cohort = record.submission.assignment.cohort
    if cohort.is_archived:
        raise SubmissionRefused(cohort.ARCHIVED_MESSAGE, "archived")
    with transaction.atomic():
        record.delete()


def notify_new_attempt(submission_pk):
    """A receipt to the trainee and a note to each of their active mentors, each with the
    time written in their own language."""
    submission = Submission.objects.select_related(
        "assignment", "membership__user", "membership__cohort"
    ).get(pk=submission_pk)
    trainee = submission.membership.user
    context = {
        "assignment": submission.assignment.title,
        "cohort": submission.membership.cohort.name,
        "attempt": submission.attempt,
        "is_late": submission.is_late,
        "trainee": trainee.get_full_name() or trainee.email,
        "files": submission.files.count(),
        "url": absolute_reverse("coursework:submission_detail", submission.pk),
    }

    def written_for(user):
        with translation.override(language_for(user)):
            return with_zone(format_datetime(submission.submitted_at))

    send_email(
        trainee.email,
        RECEIPT_EMAIL,
        {**context, "name": context["trainee"], "submitted_at": written_for(trainee)},
        user=trainee,
    )
    for mentor in submission.membership.mentors.filter(is_active=True).select_related("user"):
        if mentor.user.is_active:
            name = mentor.user.get_full_name() or mentor.user.email
            send_email(
                mentor.user.email,
                MENTOR_EMAIL,
                {**context, "name": name, "submitted_at": written_for(mentor.user)},
                user=mentor.user,
            )
