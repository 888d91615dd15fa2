"""A course's syllabus for one person: modules, lessons, what they may open, what they did.

A fixed number of queries whatever the size of the course: modules (1), lessons (1), the
lessons this person may open (1, none for anonymous visitors) and their progress (1).
"""

from dataclasses import dataclass, field

from cohorts.access import lessons_visible_to

from .models import CoursePage, LessonPage, LessonProgress, ModulePage


@dataclass
class ModuleEntry:
    module: object
    lessons: list = field(default_factory=list)


class CourseOutline:
    def __init__(self, course, user):
        self.course = course
        self.user = user
        self.modules = list(ModulePage.objects.live().public().child_of(course).order_by("path"))
        module_paths = {module.path: ModuleEntry(module) for module in self.modules}
        steplen = course.steplen
        course_lessons = LessonPage.objects.live().descendant_of(course)
        self.lessons = []
        for lesson in course_lessons.defer_streamfields().order_by("path"):
            entry = module_paths.get(lesson.path[: (course.depth + 1) * steplen])
            if entry is not None:  # skip lessons of an unpublished module
                entry.lessons.append(lesson)
                self.lessons.append(lesson)
        self.entries = [module_paths[module.path] for module in self.modules]

        self.visible_ids = set()
        self.done_ids = set()
        if user is not None and user.is_authenticated:
            visible = lessons_visible_to(user, course_lessons)
            self.visible_ids = set(visible.values_list("pk", flat=True))
            if self.visible_ids:
                self.done_ids = set(
                    LessonProgress.objects.filter(
                        user=user, lesson_id__in=self.visible_ids
                    ).values_list("lesson_id", flat=True)
                )
        for lesson in self.lessons:
            lesson.can_open = lesson.pk in self.visible_ids
            lesson.is_done = lesson.pk in self.done_ids

    @property
    def lesson_count(self):
        return len(self.lessons)

    @property
    def can_open_any(self):
        return bool(self.visible_ids)

    @property
    def opened_lessons(self):
        return [lesson for lesson in self.lessons if lesson.can_open]

    @property
    def done_count(self):
        return sum(1 for lesson in self.opened_lessons if lesson.is_done)

    @property
    def total_count(self):
        return len(self.opened_lessons)

    @property
    def percent_done(self):
        total = self.total_count
        return round(100 * self.done_count / total) if total else 0

    @property
    def total_minutes(self):
        return sum(lesson.estimated_minutes for lesson in self.lessons)

    def entry_for_module(self, module):
        for entry in self.entries:
            if entry.module.pk == module.pk:
                return entry
        return ModuleEntry(module)

    def module_of(self, lesson):
        for entry in self.entries:
            if lesson.path.startswith(entry.module.path):
                return entry.module
        return None

    def is_done(self, lesson):
        return lesson.pk in self.done_ids

    def neighbours(self, lesson):
        """(previous, next) lesson this person may open, in tree order."""
        opened = self.opened_lessons
        ids = [item.pk for item in opened]
        if lesson.pk not in ids:
            return None, None
        position = ids.index(lesson.pk)
        previous = opened[position - 1] if position > 0 else None
        following = opened[position + 1] if position + 1 < len(opened) else None
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


def place_of(page, user):
    """The syllabus around page (a CoursePage, ModulePage or LessonPage) as user sees it."""
    course = page if isinstance(page, CoursePage) else page.course
    outline = CourseOutline(course, user)
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
