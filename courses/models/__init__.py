"""Wagtail content reused year after year, plus what visitors and trainees do with it.

home: HomePage · curriculum: CourseIndexPage > CoursePage > ModulePage > LessonPage ·
seminars: SeminarIndexPage > SeminarPage (+ speakers) · registrations: SeminarRegistration ·
progress: LessonProgress.
"""

from .curriculum import CourseIndexPage, CoursePage, LessonPage, ModulePage
from .home import HomePage
from .progress import LessonProgress
from .registrations import SeminarRegistration
from .seminars import SeminarIndexPage, SeminarPage, SeminarSpeaker

__all__ = [
    "CourseIndexPage",
    "CoursePage",
    "HomePage",
    "LessonPage",
    "LessonProgress",
    "ModulePage",
    "SeminarIndexPage",
    "SeminarPage",
    "SeminarRegistration",
    "SeminarSpeaker",
]
