"""Demo pages: the programme (two courses), lessons in Japanese, and seminars.

Called by seed_demo after the accounts exist. Stores the pages other seeders need in
context.objects: "course", "course2", "lessons" (the first course's lessons in order),
"seminars".
"""

from datetime import timedelta

from django.utils import timezone

from .demo_content import COURSE, COURSE2, SEMINARS
from .models import (
    CourseIndexPage,
    CoursePage,
    HomePage,
    LessonPage,
    LessonProgress,
    ModulePage,
    SeminarIndexPage,
    SeminarPage,
    SeminarRegistration,
    SeminarSpeaker,
)


def _publish(parent, page, user):
    parent.add_child(instance=page)
    page.save_revision(user=user, log_action=False).publish(user=user, log_action=False)
    return page


def lesson_body(title, lead, points):
    return [
        ("rich_text", f"<p>{lead}</p>"),
        ("heading", {"text": "このレッスンで考えること", "level": "h2"}),
        (
            "rich_text",
            f"<p>「{title}」について、自社の状況に当てはめながら読み進めてください。"
            "各社の事情は異なりますが、先輩経営者が共通してつまずいた点を中心にまとめています。</p>",
        ),
        ("key_points", {"title": "要点", "points": points}),
        (
            "callout",
            {
                "kind": "tip",
                "text": "<p>気づいたことは次回のメンター面談までにメモしておきましょう。</p>",
            },
        ),
    ]


def _course(index, spec, user):
    course = _publish(
        index,
        CoursePage(
            title=spec["title"],
            slug=spec["slug"],
            overview=spec["overview"],
            goals=spec["goals"],
            duration=spec["duration"],
            audience=spec["audience"],
            search_description=spec["description"],
        ),
        user,
    )
    lessons = []
    for module_spec in spec["modules"]:
        module = _publish(
            course,
            ModulePage(
                title=module_spec["title"], slug=module_spec["slug"], summary=module_spec["summary"]
            ),
            user,
        )
        for number, (title, lead, points, minutes) in enumerate(module_spec["lessons"], 1):
            lessons.append(
                _publish(
                    module,
                    LessonPage(
                        title=title,
                        slug=f"{module_spec['slug']}-{number}",
                        estimated_minutes=minutes,
                        objectives="\n".join(points[:2]),
                        body=lesson_body(title, lead, points),
                    ),
                    user,
                )
            )
    return course, lessons


def _seminar(index, spec, user, now):
    starts = (now + timedelta(days=spec["in_days"])).replace(
        hour=spec["hour"], minute=0, second=0, microsecond=0
    )
    seminar = SeminarPage(
        title=spec["title"],
        slug=spec["slug"],
        summary=spec["summary"],
        body=spec["body"],
        starts_at=starts,
        ends_at=starts + timedelta(hours=spec["hours"]),
        venue_name=spec["venue"],
        venue_address=spec["address"],
        capacity=spec["capacity"],
        online_url=spec.get("online_url", ""),
    )
    for order, (name, affiliation, bio) in enumerate(spec["speakers"]):
        seminar.speakers.add(
            SeminarSpeaker(name=name, affiliation=affiliation, bio=bio, sort_order=order)
        )
    return _publish(index, seminar, user)


def _registrations(seminar, count, start_at, status):
    from academy.demo import person_name

    people = []
    for offset in range(count):
        family, given = person_name(start_at + offset)
        people.append(
            SeminarRegistration(
                seminar=seminar,
                name=f"{family} {given}",
                company=f"{family}工業株式会社",
                email=f"visitor{start_at + offset}@example.com",
                status=status,
            )
        )
    SeminarRegistration.objects.bulk_create(people)


def _progress(context, lessons, now):
    """The first cohort's trainees (trainee1-6, see cohorts.demo) are part-way through."""
    done = []
    for number, user in enumerate(context.trainee_users[:6], 1):
        for position, lesson in enumerate(lessons[: (number * 3) % len(lessons)]):
            done.append(
                LessonProgress(
                    user=user,
                    lesson=lesson,
                    completed_at=now - timedelta(days=len(lessons) - position),
                )
            )
    LessonProgress.objects.bulk_create(done)


def seed(context):
    user = context.staff
    home = HomePage.objects.first()
    index = _publish(
        home,
        CourseIndexPage(
            title="研修プログラム",
            slug="programme",
            intro="<p>一年をかけて、経営を引き継ぐための知識と覚悟を育てます。</p>",
        ),
        user,
    )
    course, lessons = _course(index, COURSE, user)
    course2, lessons2 = _course(index, COURSE2, user)
    seminar_index = _publish(
        home,
        SeminarIndexPage(
            title="セミナー",
            slug="seminars",
            intro="<p>受講生以外の方もご参加いただける公開セミナーです。アカウントは不要です。</p>",
        ),
        user,
    )
    now = timezone.localtime()
    seminars = [_seminar(seminar_index, spec, user, now) for spec in SEMINARS]
    open_seminar, full_seminar = seminars[0], seminars[1]
    _registrations(open_seminar, 8, 100, SeminarRegistration.Status.CONFIRMED)
    _registrations(full_seminar, full_seminar.capacity, 200, SeminarRegistration.Status.CONFIRMED)
    _registrations(full_seminar, 3, 300, SeminarRegistration.Status.WAITLISTED)

    _progress(context, lessons, now)

    context.objects["course"] = course
    context.objects["course2"] = course2
    context.objects["lessons"] = lessons
    context.objects["lessons2"] = lessons2
    context.objects["seminars"] = seminars
    context.say(
        f"courses: 2 courses, {len(lessons) + len(lessons2)} lessons, {len(seminars)} seminars"
    )
