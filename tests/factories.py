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


# Cohorts (issue 5) ------------------------------------------------------------------------


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
