"""Demo cohorts: who is in which cohort, and who mentors whom.

- "2026 第1期" on context.objects["course"]: mentor1 with trainee1–3, mentor2 with trainee4–6;
  at larger sizes, trainee10… and mentor4… join this cohort, the extra trainees spread over
  mentor4… so the documented pairings stay exact.
- "2026 実践第1期" on context.objects["course2"]: mentor3 with trainee7–9.

Stores context.objects["cohort"], ["cohort2"], ["memberships"] (email -> Membership) and
["trainee_memberships"] (in trainee order) for later seeders. bulk_create keeps 300 fast.
"""

from datetime import date

from .models import Cohort, Membership


def _course(context, key, title, slug):
    course = context.objects.get(key)
    if course is not None:
        return course
    from wagtail.models import Site

    from courses.models import CoursePage

    course = CoursePage(title=title, slug=slug)
    Site.objects.get(is_default_site=True).root_page.add_child(instance=course)
    context.objects[key] = course
    return course


def seed(context):
    course = _course(context, "course", "事業承継基礎コース", "demo-course")
    course2 = _course(context, "course2", "経営実践コース", "demo-course-2")
    cohort = Cohort.objects.create(
        course=course,
        name="2026 第1期",
        starts_on=date(2026, 4, 1),
        ends_on=date(2027, 3, 31),
        status=Cohort.Status.RUNNING,
    )
    cohort2 = Cohort.objects.create(
        course=course2,
        name="2026 実践第1期",
        starts_on=date(2026, 10, 1),
        ends_on=date(2027, 9, 30),
        status=Cohort.Status.RUNNING,
    )
    mentors, trainees = context.mentor_users, context.trainee_users
    first_mentors = [mentors[0], mentors[1], *mentors[3:]]

    def mentor_for(number):  # trainee number (1-based) -> mentor user
        if number <= 3:
            return mentors[0]
        if number <= 6:
            return mentors[1]
        if number <= 9:
            return mentors[2]
        # The documented pairings stay exact: extra trainees go to mentor4… when there are any.
        extra = mentors[3:] or first_mentors
        return extra[(number - 10) % len(extra)]

    rows = [Membership(user=m, cohort=cohort, role=Membership.Role.MENTOR) for m in first_mentors]
    rows.append(Membership(user=mentors[2], cohort=cohort2, role=Membership.Role.MENTOR))
    for number, trainee in enumerate(trainees, start=1):
        target = cohort2 if 7 <= number <= 9 else cohort
        rows.append(Membership(user=trainee, cohort=target, role=Membership.Role.TRAINEE))
    created = Membership.objects.bulk_create(rows, batch_size=500)
    by_email = {m.user.email: m for m in created}
    Through = Membership.mentors.through
    Through.objects.bulk_create(
        [
            Through(
                from_membership_id=by_email[trainee.email].pk,
                to_membership_id=by_email[mentor_for(number).email].pk,
            )
            for number, trainee in enumerate(trainees, start=1)
        ],
        batch_size=500,
    )
    context.objects.update(
        cohort=cohort,
        cohort2=cohort2,
        memberships=by_email,
        trainee_memberships=[by_email[t.email] for t in trainees],
    )
    context.say(
        f"cohorts: {cohort.name} and {cohort2.name}, {len(created)} memberships, "
        f"{len(trainees)} pairings"
    )
