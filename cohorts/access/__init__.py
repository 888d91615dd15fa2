"""Who may see what: the one owner of every access rule.

Every view, export, feed and form asks this package; models and querysets know only
relations (`of`, `active`, `paired_with`, `submitted`), never who may see them.

- staff (active, is_staff) see everything;
- a trainee sees their own work, and the lessons of courses they follow through an ACTIVE
  membership in a cohort;
- a mentor sees the active trainees paired with them, only in cohorts where their own mentor
  membership is active, and the lessons of those cohorts' courses;
- anonymous visitors see only public pages.

One module per feature, all built on one filter (`trainees.for_trainees`): an object belongs
to a trainee membership, and you may see it when you may see that trainee. Rules are
queryset filters (list pages filter in the database) and `get_*_or_404` helpers, so an
object outside your reach is a 404, never a 403. Deactivating a membership removes access on
the next request (every rule reads `is_active`).

A new feature app adds `access/<feature>.py` beside these and re-exports its rules here.
"""

from .attendance import (
    attendance_visible_to,
    can_take_roster,
    checkin_sessions_for,
    get_report_cohort_or_404,
    get_roster_session_or_404,
    get_session_or_404,
    report_cohorts_for,
    report_trainees_for,
    roster_sessions_for,
    sessions_visible_to,
)
from .calendar import (
    feed_assignments_for,
    feed_owner_or_404,
    feed_registrations_for,
    feed_sessions_for,
)
from .certificates import (
    alumni_directory_for,
    alumni_memberships_of,
    completion_cohorts_for,
    completions_visible_to,
    get_alumni_membership_or_404,
    get_certificate_or_404,
    get_completion_cohort_or_404,
    get_completion_trainee_or_404,
    get_undoable_completion_or_404,
    may_see_alumni_directory,
    own_completions,
)
from .coursework import (
    assignments_visible_to,
    can_grant_extension,
    get_assignment_or_404,
    get_own_draft_file_or_404,
    get_submission_file_or_404,
    get_submission_or_404,
    may_grant_extensions,
    submission_files_visible_to,
    submissions_visible_to,
)
from .lessons import can_view_lesson, get_lesson_or_404, lessons_visible_to
from .people import is_member, is_staff, staff_required
from .reports import (
    attendance_thresholds,
    extensions_of,
    get_gradebook_cohort_or_404,
    get_mentored_trainee_or_404,
    gradebook_cohorts_for,
    lessons_done_by,
    lessons_of_courses,
    may_open_reports,
    mentored_trainees,
    modules_of_courses,
    seminars_filling_up,
)
from .review import (
    get_guest_invitation_or_404,
    get_guest_submission_or_404,
    get_review_file_or_404,
    get_reviewable_submission_or_404,
    guest_invitations_of,
    guest_submissions,
    guests_visible_to,
    may_invite_guests,
    may_release,
    may_review,
    own_releases,
    releases_visible_to,
    reviewable_submissions,
    reviewer_memberships,
)
from .trainees import (
    cohorts_visible_to,
    for_trainees,
    own_trainee_membership,
    own_trainee_memberships,
    trainees_visible_to,
)

__all__ = [
    "alumni_directory_for",
    "alumni_memberships_of",
    "completion_cohorts_for",
    "completions_visible_to",
    "get_alumni_membership_or_404",
    "get_certificate_or_404",
    "get_completion_cohort_or_404",
    "get_completion_trainee_or_404",
    "get_undoable_completion_or_404",
    "may_see_alumni_directory",
    "own_completions",
    "seminars_filling_up",
    "attendance_thresholds",
    "extensions_of",
    "get_gradebook_cohort_or_404",
    "get_mentored_trainee_or_404",
    "gradebook_cohorts_for",
    "lessons_done_by",
    "lessons_of_courses",
    "may_open_reports",
    "mentored_trainees",
    "modules_of_courses",
    "assignments_visible_to",
    "attendance_visible_to",
    "can_grant_extension",
    "can_take_roster",
    "can_view_lesson",
    "checkin_sessions_for",
    "cohorts_visible_to",
    "feed_assignments_for",
    "feed_owner_or_404",
    "feed_registrations_for",
    "feed_sessions_for",
    "for_trainees",
    "get_assignment_or_404",
    "get_guest_invitation_or_404",
    "get_guest_submission_or_404",
    "get_lesson_or_404",
    "get_own_draft_file_or_404",
    "get_review_file_or_404",
    "get_reviewable_submission_or_404",
    "get_report_cohort_or_404",
    "get_roster_session_or_404",
    "get_session_or_404",
    "get_submission_file_or_404",
    "get_submission_or_404",
    "guest_invitations_of",
    "guest_submissions",
    "guests_visible_to",
    "is_member",
    "is_staff",
    "lessons_visible_to",
    "may_grant_extensions",
    "may_invite_guests",
    "may_release",
    "may_review",
    "own_releases",
    "own_trainee_membership",
    "own_trainee_memberships",
    "releases_visible_to",
    "reviewable_submissions",
    "reviewer_memberships",
    "report_cohorts_for",
    "report_trainees_for",
    "roster_sessions_for",
    "sessions_visible_to",
    "staff_required",
    "submission_files_visible_to",
    "submissions_visible_to",
    "trainees_visible_to",
]
