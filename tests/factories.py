"""factory-boy factories shared by every test file; apps add theirs below."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    display_name = factory.Sequence(lambda n: f"テスト 太郎{n}")
    preferred_language = "ja"
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified_email(user, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.get_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )


class StaffFactory(UserFactory):
    email = factory.Sequence(lambda n: f"staff{n}@example.com")
    is_staff = True
    is_superuser = True


# Cohorts -------------------------------------------------------------------------------------


def site_home():
    """The default site's home page (created by the courses migrations)."""
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True).root_page.specific


def course_index():
    from courses.models import CourseIndexPage

    index = CourseIndexPage.objects.first()
    if index is None:
        index = CourseIndexPage(title="コース一覧", slug="courses")
        site_home().add_child(instance=index)
    return index


class CoursePageFactory(factory.django.DjangoModelFactory):
    """A published CoursePage under the site's course index (pass parent= to choose)."""

    class Meta:
        model = "courses.CoursePage"

    title = factory.Sequence(lambda n: f"事業承継コース{n}")
    slug = factory.Sequence(lambda n: f"course-{n}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        parent = kwargs.pop("parent", None) or course_index()
        page = model_class(*args, **kwargs)
        parent.add_child(instance=page)
        return page


def lesson_in(course, title="レッスン", slug=None):
    """A module page and a lesson page inside course; returns the lesson."""
    from courses.models import LessonPage, ModulePage

    count = course.get_children().count()
    module = ModulePage(title=f"モジュール{count + 1}", slug=f"module-{count + 1}")
    course.add_child(instance=module)
    lesson = LessonPage(title=title, slug=slug or f"lesson-{module.pk}")
    module.add_child(instance=lesson)
    return lesson


def _date(year, month, day):
    from datetime import date

    return date(year, month, day)


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cohorts.Cohort"

    course = factory.SubFactory(CoursePageFactory)
    name = factory.Sequence(lambda n: f"2026 第{n}期")
    starts_on = factory.LazyFunction(lambda: _date(2026, 4, 1))
    ends_on = factory.LazyFunction(lambda: _date(2027, 3, 31))
    status = "running"


class MembershipFactory(factory.django.DjangoModelFactory):
    """A trainee membership by default; MembershipFactory(role="mentor") for a mentor.

    mentors=[mentor_membership, ...] pairs a trainee with mentors.
    """

    class Meta:
        model = "cohorts.Membership"
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    cohort = factory.SubFactory(CohortFactory)
    role = "trainee"

    @factory.post_generation
    def mentors(membership, create, extracted, **kwargs):
        if create and extracted:
            membership.set_mentors(extracted)


# Courses and seminars ------------------------------------------------------------------------


def courses_home():
    """The default site's HomePage, created by the courses migrations."""
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True).root_page.specific


def seminar_index():
    from courses.models import SeminarIndexPage

    index = SeminarIndexPage.objects.first()
    if index is None:
        index = SeminarIndexPage(title="セミナー", slug="seminars")
        courses_home().add_child(instance=index)
    return index


def build_course(modules=2, lessons_per_module=3, title="事業承継コース", slug=None):
    """A published course under a course index with modules and lessons, in tree order.

    Returns (course, [lessons in order]).
    """
    from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage

    index = CourseIndexPage.objects.first()
    if index is None:
        index = CourseIndexPage(title="研修プログラム", slug="programme")
        courses_home().add_child(instance=index)
    course = CoursePage(title=title, slug=slug or f"course-{CoursePage.objects.count() + 1}")
    index.add_child(instance=course)
    lessons = []
    for m in range(1, modules + 1):
        module = ModulePage(title=f"第{m}章", slug=f"module-{m}")
        course.add_child(instance=module)
        for n in range(1, lessons_per_module + 1):
            lesson = LessonPage(
                title=f"レッスン {m}-{n}",
                slug=f"lesson-{m}-{n}",
                estimated_minutes=20,
                body=[("rich_text", f"<p>本文 {m}-{n}</p>")],
            )
            module.add_child(instance=lesson)
            lessons.append(lesson)
    return course, lessons


def _in_days(days):
    from datetime import timedelta

    from django.utils import timezone

    return timezone.now().replace(second=0, microsecond=0) + timedelta(days=days)


def _hours(hours):
    from datetime import timedelta

    return timedelta(hours=hours)


class SeminarPageFactory(factory.django.DjangoModelFactory):
    """A published seminar two weeks ahead, open for registration (pass parent= to choose)."""

    class Meta:
        model = "courses.SeminarPage"

    title = factory.Sequence(lambda n: f"公開セミナー{n}")
    slug = factory.Sequence(lambda n: f"seminar-{n}")
    summary = "承継の進め方を学ぶセミナーです。"
    starts_at = factory.LazyFunction(lambda: _in_days(14))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + _hours(2))
    venue_name = "商工会館 大会議室"
    venue_address = "宮城県仙台市青葉区本町1-1-1"
    capacity = 10
    online_url = "https://meet.example.com/room-42"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        parent = kwargs.pop("parent", None) or seminar_index()
        page = model_class(*args, **kwargs)
        parent.add_child(instance=page)
        return page


class SeminarRegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "courses.SeminarRegistration"

    seminar = factory.SubFactory(SeminarPageFactory)
    name = factory.Sequence(lambda n: f"参加 太郎{n}")
    company = "株式会社テスト"
    email = factory.Sequence(lambda n: f"visitor{n}@example.com")
    status = "confirmed"


# Coursework: assignments and submissions ----------------------------------------------------


def jst(*args):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return datetime(*args, tzinfo=ZoneInfo("Asia/Tokyo"))


class AssignmentFactory(factory.django.DjangoModelFactory):
    """Open since 2026-04-01, due 2099-12-31 23:59 JST unless told otherwise."""

    class Meta:
        model = "coursework.Assignment"

    cohort = factory.SubFactory(CohortFactory)
    title = factory.Sequence(lambda n: f"課題{n}: 事業の現状分析")
    brief = "<p>自社の強みと弱みを3点ずつ書いてください。</p>"
    opens_at = factory.LazyFunction(lambda: jst(2026, 4, 1, 9, 0))
    due_at = factory.LazyFunction(lambda: jst(2099, 12, 31, 23, 59))
    late_policy = "accept"
    parts = "either"
    max_attempts = 3


class RubricFactory(factory.django.DjangoModelFactory):
    """A rubric with `criteria` criteria of three levels (3, 2, 1 points) each."""

    class Meta:
        model = "coursework.Rubric"
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"評価基準{n}")

    @factory.post_generation
    def criteria(rubric, create, extracted, **kwargs):
        from cohorts.coursework.models import RubricCriterion, RubricLevel

        if not create:
            return
        for number in range(extracted if extracted is not None else 2):
            criterion = RubricCriterion.objects.create(
                rubric=rubric, title=f"観点{number + 1}", position=number
            )
            for position, (title, points) in enumerate((("優", 3), ("良", 2), ("可", 1))):
                RubricLevel.objects.create(
                    criterion=criterion, title=title, points=points, position=position
                )


class ExtensionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "coursework.Extension"

    assignment = factory.SubFactory(AssignmentFactory)
    membership = factory.SubFactory(
        MembershipFactory, cohort=factory.SelfAttribute("..assignment.cohort")
    )
    due_at = factory.LazyFunction(lambda: jst(2100, 1, 7, 23, 59))
    reason = "体調不良のため"


def submitted_attempt(assignment, membership, *, text="<p>回答です</p>", files=(), key=""):
    """A submitted attempt through the service (so every rule applies); files: [(name, bytes)]."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cohorts.coursework.services.submissions import submit
    from cohorts.uploads.validation import validate_uploads

    checked = validate_uploads([SimpleUploadedFile(name, data) for name, data in files])
    submission, _created = submit(assignment, membership, text=text, files=checked, key=key)
    return submission


def draftail(*paragraphs, links=()):
    """What Wagtail's rich-text editor posts: contentstate JSON, one block per paragraph;
    links: (block index, offset, length, entity data) e.g. {"id": page.pk} or {"url": "…"}."""
    import json

    blocks = [
        {
            "key": f"b{index}",
            "text": text,
            "type": "unstyled",
            "depth": 0,
            "inlineStyleRanges": [],
            "entityRanges": [],
            "data": {},
        }
        for index, text in enumerate(paragraphs)
    ]
    entities = {}
    for key, (block, offset, length, data) in enumerate(links):
        blocks[block]["entityRanges"].append({"offset": offset, "length": length, "key": key})
        entities[str(key)] = {"type": "LINK", "mutability": "MUTABLE", "data": data}
    return json.dumps({"blocks": blocks, "entityMap": entities})


def assignment_form_data(world, **changes):
    """What staff post on the Wagtail admin's assignment form (add and edit)."""
    data = {
        "cohort": world.cohort.pk,
        "lesson": world.lesson.pk,
        "title": "課題: 株主構成の整理",
        "brief": draftail("株主と持株数を表にしてください。", "相続の影響も書いてください。"),
        "opens_at": "2026-11-01T09:00",
        "due_at": "2026-12-01T23:59",
        "late_policy": "cutoff",
        "cutoff_at": "2026-12-05T23:59",
        "points": "50",
        "rubric": "",
        "max_attempts": "",
        "parts": "files",
        "file_types": ["xlsx", "pdf"],
    }
    data.update(changes)
    return data
