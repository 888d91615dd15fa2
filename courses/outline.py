"""A course's syllabus for one person: modules, lessons, what they may open, what they did.

Two parts, so that nothing grows with the size of the course or the school:

- the structure (the course, its parent, modules and lessons: titles, paths, minutes) is the
  same for every visitor. It is read in one query and kept in the content cache (in the
  process and in the shared cache); saving, publishing, unpublishing, moving or deleting any
  page, or changing a view restriction, starts a new content version
  (academy/content_cache.py), at once and again after the commit;
- what this person may open and has done is never cached: the access rules say whether the
  course is open to them (cohorts.access.course_open_to: their active memberships, read once
  per request and shared with the header's role), and one query reads their progress in it.

`place_for(request, page)` keeps the result on the request, so the access check before the
page is served (courses/wagtail_hooks.py) and the page's template share one outline.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.utils.functional import cached_property
from wagtail.models import Page, PageViewRestriction

from academy import content_cache
from cohorts.access import course_open_to

from .models import CourseIndexPage, CoursePage, LessonPage, LessonProgress, ModulePage

FIELDS = ("id", "title", "slug", "path", "depth", "url_path", "live")


def _structure_rows(course_path):
    """One query: the course, its parent, its live modules and their live lessons."""
    steplen = Page.steplen
    depth = len(course_path) // steplen
    rows = (
        Page.objects.filter(
            Q(path=course_path)
            | Q(path=course_path[:-steplen])
            | Q(path__startswith=course_path, depth__in=(depth + 1, depth + 2), live=True)
        )
        .annotate(restricted=Exists(PageViewRestriction.objects.filter(page_id=OuterRef("pk"))))
        .order_by("path")
        .values_list(
            *FIELDS,
            "content_type_id",
            "modulepage__summary",
            "lessonpage__estimated_minutes",
            "restricted",
        )
    )
    return list(rows)


def course_structure(course_path, request=None):
    """The rows, from the content cache (this process, else the shared cache, else one
    query); request, if given, has the content version already."""
    return content_cache.cached(
        f"course-outline:{course_path}", lambda: _structure_rows(course_path), request
    )


def _page(model, row, **extra):
    """A page instance from its row, with only the fields the outline shows (no query)."""
    values = dict(zip(FIELDS, row, strict=False), **extra)
    if model is not Page:
        values[model._meta.pk.attname] = values["id"]  # page_ptr_id
    names = [f.attname for f in model._meta.concrete_fields if f.attname in values]
    return model.from_db(connection.alias, names, [values[name] for name in names])


@dataclass
class ModuleEntry:
    module: object
    lessons: list = field(default_factory=list)


@dataclass
class SyllabusItem:
    """A module or lesson as the syllabus lists it: no page instance (a course of 50 lessons
    would build 60 of them), only what the list shows, with its link."""

    pk: int
    title: str
    slug: str
    href: str
    summary: str = ""
    estimated_minutes: int = None
    can_open: bool = False
    is_done: bool = False


class CourseOutline:
    """course may be the CoursePage or its path; user may be None (anonymous); request, if
    given, carries the content version already read.

    Page instances are made only for what a page shows: a lesson page needs its course,
    module and neighbours (counts come from the rows); the course page builds every entry.
    """

    def __init__(self, course, user, request=None):
        course_path = course if isinstance(course, str) else course.path
        self.user = user
        types = ContentType.objects.get_for_models(CoursePage, ModulePage, LessonPage)
        course_type, module_type, lesson_type = (
            types[model].pk for model in (CoursePage, ModulePage, LessonPage)
        )
        self.course = course if isinstance(course, CoursePage) else None
        self.parent = None
        self._rows = {}  # pk -> row
        self._module_rows = []  # [(module row, [lesson rows])]
        self._lesson_ids = []  # in tree order, lessons of listed modules only
        self._module_of = {}  # lesson pk -> module pk
        self._instances = {}
        self.course_url = None  # set by place_for: lessons' links then need no reverse()
        current = None
        live_lesson_ids = set()
        for row in course_structure(course_path, request):
            *_, content_type, _summary, _minutes, restricted = row
            pk, path = row[0], row[3]
            if path == course_path:
                if self.course is None and content_type == course_type:
                    self.course = _page(CoursePage, row)
            elif len(path) < len(course_path):
                self.parent = _page(CourseIndexPage, row)
            elif content_type == module_type:
                current = None if restricted else (row, [])  # private: out of the syllabus
                if current is not None:
                    self._module_rows.append(current)
                    self._rows[pk] = row
            elif content_type == lesson_type:
                live_lesson_ids.add(pk)
                if current and path.startswith(current[0][3]):
                    current[1].append(row)
                    self._rows[pk] = row
                    self._lesson_ids.append(pk)
                    self._module_of[pk] = current[0][0]

        self.visible_ids = set()
        self.done_ids = set()
        if user is not None and user.is_authenticated and course_open_to(user, course_path):
            # Every live lesson of the course (also those of a private or unpublished module:
            # Wagtail's own checks still apply to them), as lessons_visible_to would say.
            self.visible_ids = live_lesson_ids
            if self.visible_ids:  # this person's own progress: read now, never cached
                self.done_ids = set(
                    LessonProgress.objects.filter(user=user, lesson_id__in=self.visible_ids)
                    .order_by()
                    .values_list("lesson_id", flat=True)
                )
        self._opened_ids = [pk for pk in self._lesson_ids if pk in self.visible_ids]

    def _instance(self, pk):
        """The module or lesson page pk as a page instance (made once, no query)."""
        if pk not in self._instances:
            row = self._rows[pk]
            *_, summary, minutes, _restricted = row
            if pk in self._module_of:
                page = _page(LessonPage, row, estimated_minutes=minutes)
                if self.course_url:  # the course's URL + the rest of the path: no reverse()
                    page.href = self.course_url + page.url_path[len(self.course.url_path) :]
                page.can_open = pk in self.visible_ids
                page.is_done = pk in self.done_ids
            else:
                page = _page(ModulePage, row, summary=summary)
            self._instances[pk] = page
        return self._instances[pk]

    def _href(self, row):
        if self.course_url:  # the course's URL + the rest of the path: no reverse()
            return self.course_url + row[5][len(self.course.url_path) :]
        return self._instance(row[0]).get_url()

    def _item(self, row):
        pk, title, slug = row[:3]
        *_, summary, minutes, _restricted = row
        if pk not in self._module_of:
            return SyllabusItem(pk, title, slug, self._href(row), summary=summary or "")
        return SyllabusItem(
            pk,
            title,
            slug,
            self._href(row),
            estimated_minutes=minutes,
            can_open=pk in self.visible_ids,
            is_done=pk in self.done_ids,
        )

    def _entry(self, module_row, lesson_rows):
        return ModuleEntry(self._item(module_row), [self._item(row) for row in lesson_rows])

    @cached_property
    def entries(self):
        return [self._entry(module_row, lessons) for module_row, lessons in self._module_rows]

    @property
    def modules(self):
        return [self._instance(module_row[0]) for module_row, _lessons in self._module_rows]

    @property
    def lessons(self):
        return [self._instance(pk) for pk in self._lesson_ids]

    def can_open(self, lesson):
        """Whether the access rules let this person read this lesson of the course."""
        return lesson.pk in self.visible_ids

    @property
    def lesson_count(self):
        return len(self._lesson_ids)

    @property
    def lesson_ids(self):
        """The syllabus's lessons (of listed modules), in tree order."""
        return list(self._lesson_ids)

    @property
    def can_open_any(self):
        return bool(self.visible_ids)

    @property
    def opened_lessons(self):
        return [self._instance(pk) for pk in self._opened_ids]

    @property
    def done_count(self):
        return sum(1 for pk in self._opened_ids if pk in self.done_ids)

    @property
    def total_count(self):
        return len(self._opened_ids)

    @property
    def percent_done(self):
        total = self.total_count
        return round(100 * self.done_count / total) if total else 0

    @property
    def total_minutes(self):
        return sum(self._rows[pk][-2] or 0 for pk in self._lesson_ids)

    def entry_for_module(self, module):
        for module_row, lessons in self._module_rows:
            if module_row[0] == module.pk:
                return self._entry(module_row, lessons)
        return ModuleEntry(module)

    def module_of(self, lesson):
        module_pk = self._module_of.get(lesson.pk)
        return None if module_pk is None else self._instance(module_pk)

    def is_done(self, lesson):
        return lesson.pk in self.done_ids

    def neighbours(self, lesson):
        """(previous, next) lesson this person may open, in tree order."""
        ids = self._opened_ids
        if lesson.pk not in ids:
            return None, None
        position = ids.index(lesson.pk)
        previous = self._instance(ids[position - 1]) if position > 0 else None
        following = self._instance(ids[position + 1]) if position + 1 < len(ids) else None
        return previous, following


@dataclass
class Place:
    """Where a course, module or lesson page stands in its course, for one person."""

    outline: CourseOutline
    course: object
    module: object = None
    module_entry: ModuleEntry = None
    previous_lesson: object = None
    next_lesson: object = None
    is_done: bool = False

    @property
    def parent(self):
        return self.outline.parent


def course_path_of(page):
    """The path of the course a course, module or lesson page belongs to."""
    levels = {CoursePage: 0, ModulePage: 1, LessonPage: 2}[type(page)]
    return page.path[: (page.depth - levels) * page.steplen]


def place_of(page, user, request=None):
    """The syllabus around page (a CoursePage, ModulePage or LessonPage) as user sees it."""
    course = page if isinstance(page, CoursePage) else course_path_of(page)
    outline = CourseOutline(course, user, request)
    course = outline.course
    if isinstance(page, ModulePage):
        return Place(outline, course, module=page, module_entry=outline.entry_for_module(page))
    if isinstance(page, LessonPage):
        previous_lesson, next_lesson = outline.neighbours(page)
        return Place(
            outline,
            course,
            module=outline.module_of(page),
            previous_lesson=previous_lesson,
            next_lesson=next_lesson,
            is_done=outline.is_done(page),
        )
    return Place(outline, course)


def place_for(request, page):
    """place_of for the request's user, computed once per request and page."""
    places = request.__dict__.setdefault("_course_places", {})
    key = (page.pk, page.path)
    if key not in places:
        place = place_of(page, request.user, request)
        if place.course is not None:
            place.outline.course_url = place.course.get_url(request)
        places[key] = place
    return places[key]
