"""A course's syllabus for one person: modules, lessons, what they may open, what they did.

Two parts, so that nothing grows with the size of the course or the school:

- the structure (the course, its parent, modules and lessons: titles, paths, minutes) is the
  same for every visitor. It is read in one query and cached; saving, publishing,
  unpublishing, moving or deleting any page, or changing a view restriction, starts a new
  cache version (courses/signal_handlers.py), at once and again after the commit;
- what this person may open and has done is never cached: one query asks the access rules
  (cohorts.access.lessons_visible_to) for the course's lessons, with a done flag per lesson.

`place_for(request, page)` keeps the result on the request, so the access check before the
page is served (courses/wagtail_hooks.py) and the page's template share one outline.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.functional import cached_property
from wagtail.models import Page, PageViewRestriction

from cohorts.access import lessons_visible_to

from .models import CourseIndexPage, CoursePage, LessonPage, LessonProgress, ModulePage

VERSION_KEY = "courses:outline-version"
STRUCTURE_TIMEOUT = 60 * 60
FIELDS = ("id", "title", "slug", "path", "depth", "url_path", "live")


def structure_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = 1
        cache.add(VERSION_KEY, version, None)
    return version


def forget_structures():
    """A new cache version now and again once the current transaction commits (so that a
    request that read the old rows meanwhile cannot keep them); old entries expire."""

    def bump():
        try:
            cache.incr(VERSION_KEY)
        except ValueError:
            cache.set(VERSION_KEY, 2, None)

    bump()
    transaction.on_commit(bump)


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


def course_structure(course_path):
    key = f"courses:outline:{structure_version()}:{course_path}"
    rows = cache.get(key)
    if rows is None:
        rows = _structure_rows(course_path)
        cache.set(key, rows, STRUCTURE_TIMEOUT)
    return rows


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


class CourseOutline:
    """course may be the CoursePage or its path; user may be None (anonymous).

    Page instances are made only for what a page shows: a lesson page needs its course,
    module and neighbours (counts come from the rows); the course page builds every entry.
    """

    def __init__(self, course, user):
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
        for row in course_structure(course_path):
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
            elif content_type == lesson_type and current and path.startswith(current[0][3]):
                current[1].append(row)
                self._rows[pk] = row
                self._lesson_ids.append(pk)
                self._module_of[pk] = current[0][0]

        self.visible_ids = set()
        self.done_ids = set()
        if user is not None and user.is_authenticated:
            course_lessons = LessonPage.objects.live().filter(path__startswith=course_path)
            mine = LessonProgress.objects.filter(user=user, lesson=OuterRef("pk"))
            for pk, done in (
                lessons_visible_to(user, course_lessons)
                .annotate(done=Exists(mine))
                .values_list("pk", "done")
            ):
                self.visible_ids.add(pk)
                if done:
                    self.done_ids.add(pk)
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

    def _entry(self, module_row, lesson_rows):
        return ModuleEntry(
            self._instance(module_row[0]), [self._instance(row[0]) for row in lesson_rows]
        )

    @cached_property
    def entries(self):
        return [self._entry(module_row, lessons) for module_row, lessons in self._module_rows]

    @property
    def modules(self):
        return [entry.module for entry in self.entries]

    @property
    def lessons(self):
        return [lesson for entry in self.entries for lesson in entry.lessons]

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


def place_of(page, user):
    """The syllabus around page (a CoursePage, ModulePage or LessonPage) as user sees it."""
    outline = CourseOutline(page if isinstance(page, CoursePage) else course_path_of(page), user)
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
        place = place_of(page, request.user)
        if place.course is not None:
            place.outline.course_url = place.course.get_url(request)
        places[key] = place
    return places[key]
