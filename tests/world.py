"""The shared scenario behind the role fixtures and the access matrix.

One running cohort on `course` with two mentors, each paired with one trainee; a second
cohort on `course2` with its own trainee; a staff member. `world.objects` holds pages and
anything the access-row modules add (see tests/test_access.py).
"""

from dataclasses import dataclass, field

from .factories import (
    CohortFactory,
    CoursePageFactory,
    MembershipFactory,
    StaffFactory,
    UserFactory,
    lesson_in,
)

ROLES = [
    "anonymous",
    "trainee",
    "other_trainee",
    "trainee_other_cohort",
    "mentor",
    "other_mentor",
    "staff",
]


@dataclass
class World:
    cohort: object
    other_cohort: object
    users: dict  # role -> User (anonymous -> None)
    memberships: dict  # role -> Membership (cohort roles only)
    objects: dict = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.__dict__["objects"][name]
        except KeyError:
            raise AttributeError(name) from None


def build_world():
    course = CoursePageFactory(title="事業承継基礎コース", slug="basics")
    course2 = CoursePageFactory(title="経営実践コース", slug="practice")
    cohort = CohortFactory(course=course, name="2026 第1期")
    other_cohort = CohortFactory(course=course2, name="2026 実践1期")

    def person(email, name):
        return UserFactory(email=email, display_name=name)

    mentor = MembershipFactory(
        cohort=cohort, role="mentor", user=person("w-mentor@example.com", "メンター 一郎")
    )
    other_mentor = MembershipFactory(
        cohort=cohort, role="mentor", user=person("w-mentor2@example.com", "メンター 二郎")
    )
    trainee = MembershipFactory(
        cohort=cohort, user=person("w-trainee@example.com", "受講生 花子"), mentors=[mentor]
    )
    other_trainee = MembershipFactory(
        cohort=cohort,
        user=person("w-trainee2@example.com", "受講生 次郎"),
        mentors=[other_mentor],
    )
    trainee_other_cohort = MembershipFactory(
        cohort=other_cohort, user=person("w-trainee3@example.com", "受講生 三郎")
    )
    memberships = {
        "trainee": trainee,
        "other_trainee": other_trainee,
        "trainee_other_cohort": trainee_other_cohort,
        "mentor": mentor,
        "other_mentor": other_mentor,
    }
    users = {role: m.user for role, m in memberships.items()}
    users["anonymous"] = None
    users["staff"] = StaffFactory(email="w-staff@example.com")
    objects = {
        "course": course,
        "course2": course2,
        "lesson": lesson_in(course, "承継とは何か", slug="what-is-succession"),
        "lesson2": lesson_in(course2, "財務の基礎", slug="finance-basics"),
    }
    return World(
        cohort=cohort,
        other_cohort=other_cohort,
        users=users,
        memberships=memberships,
        objects=objects,
    )
