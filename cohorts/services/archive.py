"""An archived cohort is frozen: the one check every write path makes before it changes
anything of that cohort's (work, reviews, attendance, invitations, plans, meeting notes).

Services with their own refusal (SubmissionRefused, ReviewRefused, CheckInRefused) raise it
with Cohort.ARCHIVED_MESSAGE; the others call `refuse_if_archived`, whose CohortArchived is a
ValidationError, so a form shows the message where the person acted and nothing is changed.
Reading and exporting stay open.
"""

from django.core.exceptions import ValidationError

from cohorts.models import Cohort


class CohortArchived(ValidationError):
    def __init__(self):
        super().__init__(Cohort.ARCHIVED_MESSAGE, code="archived")


def refuse_if_archived(cohort):
    """Raise CohortArchived when cohort (a Cohort, or its pk) is archived."""
    if not isinstance(cohort, Cohort):
        cohort = Cohort.objects.only("status").get(pk=cohort)
    if cohort.is_archived:
        raise CohortArchived
