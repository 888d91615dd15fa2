"""The release gate of a cohort: mentors release, or the office releases after a check."""

from django.db import transaction

from academy.audit import record_change
from cohorts.review.models import ReleasePolicy
from cohorts.services.archive import refuse_if_archived


@transaction.atomic
def set_release_policy(actor, cohort, *, staff_release):
    refuse_if_archived(cohort)
    policy = ReleasePolicy.objects.select_for_update().filter(cohort=cohort).first()
    before = {"staff_release": policy.staff_release} if policy else None
    if policy is None:
        policy = ReleasePolicy(cohort=cohort)
    policy.staff_release = bool(staff_release)
    policy.updated_by = actor
    policy.save()
    record_change(
        actor=actor,
        obj=policy,
        action="update" if before else "create",
        before=before,
        after={"staff_release": policy.staff_release},
    )
    return policy
