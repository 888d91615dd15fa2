"""Mentors' comments on plan sections: written against the version they read, resolved by
the trainee or the commenter (who and when kept, audited). The trainee is e-mailed once per
new comment, in their language, through the outbox and the worker."""

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from academy.audit import record_change
from academy.links import absolute_reverse
from academy.mail import language_for, send_email
from cohorts import access
from cohorts.plans.models import SectionComment

from .plans import PlanRefused, check_writable

COMMENT_EMAIL = "cohorts/plans/email/new_comment"
MAX_COMMENT = 5000


def add_comment(actor, section, *, version, body):
    """A mentor's comment on section, anchored to version (a version of that section)."""
    membership = section.plan.membership
    check_writable(membership)
    if not access.may_comment_on_plan(actor, membership):
        raise PlanRefused(_("Only the trainee's mentors comment on the plan."), "not_mentor")
    if version is None or version.section_id != section.pk:
        raise PlanRefused(_("Comment on a saved version of this section."), "no_version")
    body = (body or "").strip()
    if not body:
        raise PlanRefused(_("Write your comment before sending it."), "empty")
    if len(body) > MAX_COMMENT:
        raise PlanRefused(
            _("Please keep a comment under %(limit)d characters.") % {"limit": MAX_COMMENT},
            "too_long",
        )
    with transaction.atomic():
        comment = SectionComment.objects.create(
            section=section,
            version=version,
            author=actor,
            author_name=(actor.get_full_name() or actor.get_username())[:255],
            body=body,
        )
        transaction.on_commit(lambda: notify_trainee(comment.pk))
    return comment


def resolve_comment(actor, comment):
    """Mark comment resolved; refused when it already is (the first resolution stands)."""
    membership = comment.section.plan.membership
    check_writable(membership)
    if not access.may_resolve_comment(actor, comment, membership):
        raise PlanRefused(
            _("Only the trainee or the comment's author can resolve it."), "not_allowed"
        )
    now = timezone.now()
    name = (actor.get_full_name() or actor.get_username())[:255]
    with transaction.atomic():
        done = SectionComment.objects.filter(pk=comment.pk, resolved_at__isnull=True).update(
            resolved_at=now, resolved_by=actor, resolved_by_name=name
        )
        if not done:
            raise PlanRefused(_("This comment was already resolved."), "already_resolved")
        comment.resolved_at, comment.resolved_by, comment.resolved_by_name = now, actor, name
        record_change(
            actor=actor,
            obj=comment,
            action="update",
            before={"resolved_at": None, "resolved_by": None},
            after={"resolved_at": now, "resolved_by": actor.pk},
        )
    return comment


def notify_trainee(comment_pk):
    """One e-mail to the trainee per comment (keyed, so a retried event sends none more)."""
    comment = SectionComment.objects.select_related(
        "section__heading", "section__plan__membership__user", "version"
    ).get(pk=comment_pk)
    trainee = comment.section.plan.membership.user
    if not trainee.is_active:
        return None
    with translation.override(language_for(trainee)):
        section_title = str(comment.section.title)
    return send_email(
        trainee.email,
        COMMENT_EMAIL,
        {
            "name": trainee.get_full_name() or trainee.email,
            "author": comment.author_name,
            "section": section_title,
            "version": comment.version.number,
            "comment": comment.body,
            "url": absolute_reverse("plans:section_detail", comment.section_id),
        },
        user=trainee,
        key=f"plans:comment:{comment.pk}",
    )
