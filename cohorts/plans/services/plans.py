"""The plan of a trainee and its sections, and saving a section as a new version.

A save carries the number of the version it was based on; when someone saved in between, it
is refused with PlanConflict (nothing stored; the form keeps the typed text). The section row
is locked for the transaction (PostgreSQL) and the unique (section, number) constraint
backs it everywhere, so two saves at once cannot both win.
"""

from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from academy.audit import record_change
from academy.sanitizer import clean_user_text
from cohorts import access
from cohorts.models import Cohort
from cohorts.plans.models import (
    DEFAULT_HEADINGS,
    Plan,
    PlanHeading,
    PlanSection,
    SectionVersion,
)

MAX_BODY = 50000


class PlanRefused(Exception):
    """A change that may not be made, with a translated message for the person."""

    def __init__(self, message, code="refused"):
        super().__init__(str(message))
        self.message = message
        self.code = code


class PlanConflict(PlanRefused):
    """Someone saved the section after the version the form was based on."""

    def __init__(self, latest):
        super().__init__(
            _(
                "This section was saved again while you were writing (version %(number)d). "
                "Nothing of yours was saved: your text is still in the form below. Compare it "
                "with the newer version, then save again."
            )
            % {"number": latest.number if latest else 0},
            "conflict",
        )
        self.latest = latest


def check_writable(membership):
    if membership.cohort.is_archived:
        raise PlanRefused(Cohort.ARCHIVED_MESSAGE, "archived")


# Reading ---------------------------------------------------------------------------------


def plan_for(membership):
    """The trainee's plan with a section for each of its course's titles (made on first use:
    the structure only, no text)."""
    plan = Plan.objects.filter(membership=membership).first()
    if plan is None:
        try:
            with transaction.atomic():
                plan = Plan.objects.create(membership=membership)
        except IntegrityError:  # opened in two windows at once
            plan = Plan.objects.get(membership=membership)
    plan.membership = membership
    return plan


def _wanted(course_id):
    """[(heading or None, default key, position)] of the course's titles (else defaults)."""
    headings = list(PlanHeading.objects.filter(course_id=course_id).order_by("position", "pk"))
    if headings:
        return [(heading, "", heading.position) for heading in headings]
    return [(None, key, index) for index, (key, _title) in enumerate(DEFAULT_HEADINGS)]


def sections_of(plan):
    """The plan's sections in reading order: the course's current titles (sections made when
    missing), then earlier sections that hold text (a title the course no longer uses).
    Each section gets `.is_current`. Three queries, whatever the number of sections."""
    wanted = _wanted(plan.membership.cohort.course_id)
    sections = list(plan.sections.select_related("heading"))
    have = {(s.heading_id, s.default_key) for s in sections}
    missing = [
        PlanSection(plan=plan, heading=heading, default_key=key, position=position)
        for heading, key, position in wanted
        if (heading.pk if heading else None, key) not in have
    ]
    if missing:
        PlanSection.objects.bulk_create(missing, ignore_conflicts=True)
        sections = list(plan.sections.select_related("heading"))
    order = {(h.pk if h else None, key): i for i, (h, key, _p) in enumerate(wanted)}
    for section in sections:
        place = order.get((section.heading_id, section.default_key))
        section.is_current = place is not None
        section.order = (0, place) if place is not None else (1, section.position, section.pk)
    return sorted(sections, key=lambda s: s.order)


def latest_versions(sections):
    """{section pk: its newest version} in one query."""
    newest = SectionVersion.objects.filter(section=OuterRef("section")).order_by("-number")
    return {
        version.section_id: version
        for version in SectionVersion.objects.filter(
            section__in=[s.pk for s in sections],
            number=Subquery(newest.values("number")[:1]),
        )
    }


def with_latest(sections):
    """Give each section `.latest` (its newest version or None); sections of an earlier title
    without text are left out."""
    latest = latest_versions(sections)
    kept = []
    for section in sections:
        section.latest = latest.get(section.pk)
        if section.is_current or section.latest is not None:
            kept.append(section)
    return kept


# Writing ---------------------------------------------------------------------------------


def save_section(actor, section, *, body, based_on):
    """Store body as the section's next version; returns (version, created).

    based_on: the version number the form showed (0 for none). Unchanged text stores nothing
    and returns the current version with created False.
    """
    membership = section.plan.membership
    check_writable(membership)
    if not access.may_edit_plan(actor, membership):
        raise PlanRefused(_("Only the trainee writes their succession plan."), "not_owner")
    body = clean_user_text(body or "")
    if len(body) > MAX_BODY:
        raise PlanRefused(_("This section is too long to save."), "too_long")
    if not strip_tags(body).strip():
        raise PlanRefused(_("Write the section's text before saving."), "empty")
    try:
        with transaction.atomic():
            PlanSection.objects.select_for_update().filter(pk=section.pk).first()
            latest = section.versions.order_by("-number").first()
            current = latest.number if latest else 0
            if current != based_on:
                raise PlanConflict(latest)
            if latest is not None and latest.body == body:
                return latest, False
            version = SectionVersion.objects.create(
                section=section,
                number=current + 1,
                body=body,
                author=actor,
                author_name=(actor.get_full_name() or actor.get_username())[:255],
            )
    except IntegrityError:
        raise PlanConflict(section.versions.order_by("-number").first()) from None
    return version, True


def update_company(actor, plan, company):
    """The company the plan is about (printed on the PDF); audited."""
    membership = plan.membership
    check_writable(membership)
    if not access.may_edit_plan(actor, membership):
        raise PlanRefused(_("Only the trainee writes their succession plan."), "not_owner")
    with transaction.atomic():
        stored = Plan.objects.select_for_update().get(pk=plan.pk)
        before = {"company": stored.company}
        stored.company = company
        stored.save(update_fields=["company"])
        record_change(
            actor=actor, obj=stored, action="update", before=before, after={"company": company}
        )
    plan.company = company
    return plan
