"""Data for a bench on the production-like stack: run with the stack's environment.

    python bench/stack_data.py TRAINEES READERS ACCOUNTS DUE_IN_SECONDS

Makes one running cohort (a course with a lesson, a mentor, TRAINEES + READERS + ACCOUNTS
trainees), one assignment (text and files), a signed-in session for each of the first
TRAINEES + READERS (written to the session store: benches measure pages, not sign-in), and
ACCOUNTS trainees with a password and a verified address who sign in through the real form.
Prints one JSON line.
"""

import json
import secrets
import sys
from datetime import date, timedelta
from pathlib import Path


def main():
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()

    from allauth.account.models import EmailAddress
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.cached_db import SessionStore
    from django.utils import timezone
    from wagtail.models import Site

    from cohorts.coursework.models import Assignment
    from cohorts.models import Cohort, Membership
    from courses.models import CoursePage, LessonPage, ModulePage

    trainees, readers, accounts, due_in = map(int, sys.argv[1:5])
    User = get_user_model()
    home = Site.objects.get(is_default_site=True).root_page
    course = CoursePage(title="ベンチマーク講座", slug="bench-course")
    home.add_child(instance=course)
    module = ModulePage(title="モジュール1", slug="module-1")
    course.add_child(instance=module)
    lesson = LessonPage(title="承継計画の立て方", slug="planning")
    module.add_child(instance=lesson)
    cohort = Cohort.objects.create(
        course=course,
        name="ベンチ期",
        starts_on=date(2026, 4, 1),
        ends_on=date(2027, 3, 31),
        status="running",
    )
    mentor_user = User.objects.create_user("bench-mentor@example.com", display_name="メンター")
    mentor = Membership.objects.create(user=mentor_user, cohort=cohort, role="mentor")
    count = trainees + readers
    users = User.objects.bulk_create(
        [User(email=f"bench{n}@example.com", display_name=f"受講生{n}") for n in range(count)]
    )
    password = secrets.token_urlsafe(16)
    signers = [
        User.objects.create_user(f"signin{n}@example.com", password, display_name=f"ログイン{n}")
        for n in range(accounts)
    ]
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in signers]
    )
    members = Membership.objects.bulk_create(
        [Membership(user=u, cohort=cohort, role="trainee") for u in [*users, *signers]]
    )
    Membership.mentors.through.objects.bulk_create(
        [
            Membership.mentors.through(from_membership_id=m.pk, to_membership_id=mentor.pk)
            for m in members
        ]
    )
    now = timezone.now()
    assignment = Assignment.objects.create(
        cohort=cohort,
        title="締切前の提出ラッシュ",
        brief="<p>計画書を提出してください。</p>",
        opens_at=now - timedelta(days=7),
        due_at=now + timedelta(seconds=due_in),
        parts="both",
        max_attempts=2,
    )
    sessions = []
    for user in users:
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        sessions.append({"email": user.email, "session": store.session_key})
    print(
        json.dumps(
            {
                "assignment": assignment.pk,
                "lesson": "/" + lesson.url_path.removeprefix(home.url_path),
                "sessions": sessions,
                "accounts": [{"email": u.email, "password": password} for u in signers],
            }
        )
    )


if __name__ == "__main__":
    main()
