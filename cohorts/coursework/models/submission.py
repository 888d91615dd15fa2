"""A trainee's attempts at an assignment, and their files.

Nothing is lost: a submitted attempt is immutable (its text, files, times and late flag never
change; only a reviewer moves its status on). A resubmission is a new attempt; a draft may be
edited until it is submitted. The database backs this with unique constraints (one row per
attempt, one draft at a time, one attempt per idempotency key) and the model refuses changes.
"""

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from academy.fields import SanitizedHTMLField
from cohorts.uploads.storage import private_storage, random_name

# What a reviewer may still change on a submitted attempt.
MUTABLE_AFTER_SUBMIT = frozenset({"status", "updated_at"})


class ImmutableSubmissionError(Exception):
    """Raised on any attempt to change or delete a submitted attempt or its files."""


class SubmissionQuerySet(models.QuerySet):
    def submitted(self):
        return self.exclude(status=Submission.Status.DRAFT)

    def drafts(self):
        return self.filter(status=Submission.Status.DRAFT)

    def update(self, **kwargs):
        if set(kwargs) - MUTABLE_AFTER_SUBMIT and self.submitted().exists():
            raise ImmutableSubmissionError("A submitted attempt cannot be changed.")
        return super().update(**kwargs)

    def delete(self):
        if self.submitted().exists():
            raise ImmutableSubmissionError("A submitted attempt cannot be deleted.")
        return super().delete()


class Submission(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned for revision")
        GRADED = "graded", _("Graded")

    assignment = models.ForeignKey(
        "coursework.Assignment",
        verbose_name=_("assignment"),
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    membership = models.ForeignKey(
        "cohorts.Membership",
        verbose_name=_("trainee"),
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    attempt = models.PositiveSmallIntegerField(_("attempt"))
    text = SanitizedHTMLField(_("text"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    is_late = models.BooleanField(_("late"), default=False)
    submit_key = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["assignment", "membership", "attempt"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "membership", "attempt"], name="submission_one_per_attempt"
            ),
            models.UniqueConstraint(
                fields=["assignment", "membership"],
                condition=models.Q(status="draft"),
                name="submission_one_draft",
            ),
            models.UniqueConstraint(
                fields=["membership", "submit_key"],
                condition=~models.Q(submit_key=""),
                name="submission_idempotent_submit",
            ),
            models.CheckConstraint(
                condition=models.Q(attempt__gte=1), name="submission_attempt_positive"
            ),
        ]
        indexes = [
            models.Index(fields=["membership", "status"], name="submission_member_status_idx")
        ]

    def __str__(self):
        return f"{self.assignment} · {self.membership.user} · #{self.attempt}"

    def save(self, *args, **kwargs):
        if self.was_submitted:
            fields = kwargs.get("update_fields")
            if fields is None or set(fields) - MUTABLE_AFTER_SUBMIT:
                raise ImmutableSubmissionError(
                    "A submitted attempt cannot be changed; a resubmission is a new attempt."
                )
        super().save(*args, **kwargs)
        self._stored_status = self.status

    def delete(self, *args, **kwargs):
        if self.was_submitted:
            raise ImmutableSubmissionError("A submitted attempt cannot be deleted.")
        return super().delete(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        instance = super().from_db(db, field_names, values, **kwargs)
        instance._stored_status = instance.__dict__.get("status")
        return instance

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    @property
    def was_submitted(self):
        """The stored row is already submitted (whatever the in-memory status says)."""
        stored = getattr(self, "_stored_status", None)
        return self.pk is not None and stored not in (None, self.Status.DRAFT)


class SubmissionFileQuerySet(models.QuerySet):
    def delete(self):
        if self.exclude(submission__status=Submission.Status.DRAFT).exists():
            raise ImmutableSubmissionError("Files of a submitted attempt cannot be deleted.")
        return super().delete()

    def update(self, **kwargs):
        if self.exclude(submission__status=Submission.Status.DRAFT).exists():
            raise ImmutableSubmissionError("Files of a submitted attempt cannot be changed.")
        return super().update(**kwargs)


class SubmissionFile(models.Model):
    """One uploaded file: stored under a random name; the user's name is kept only here."""

    submission = models.ForeignKey(
        Submission, verbose_name=_("submission"), on_delete=models.PROTECT, related_name="files"
    )
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=random_name, max_length=100
    )
    original_name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("type"), max_length=10)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    objects = SubmissionFileQuerySet.as_manager()

    class Meta:
        verbose_name = _("submission file")
        verbose_name_plural = _("submission files")
        ordering = ["submission", "pk"]

    def __str__(self):
        return self.original_name

    def save(self, *args, **kwargs):
        if not self._submission_is_draft():
            raise ImmutableSubmissionError("Files are added to a draft, before it is submitted.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if not self._submission_is_draft():
            raise ImmutableSubmissionError("Files of a submitted attempt cannot be deleted.")
        name = self.file.name
        result = super().delete(*args, **kwargs)
        transaction.on_commit(lambda: private_storage().delete(name))
        return result

    def _submission_is_draft(self):
        return Submission.objects.filter(
            pk=self.submission_id, status=Submission.Status.DRAFT
        ).exists()
