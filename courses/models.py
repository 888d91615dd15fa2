"""Wagtail content reused year after year: the home page, courses, lessons and seminars."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The school's front page: who it is for, the programme, what comes next."""

    lead = models.CharField(_("lead"), max_length=255, blank=True)
    body = RichTextField(_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("lead"), FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["courses.CourseIndexPage", "courses.SeminarIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")


class CourseIndexPage(Page):
    """Lists the school's courses."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["courses.HomePage"]
    subpage_types = ["courses.CoursePage"]

    class Meta:
        verbose_name = _("course index")


class CoursePage(Page):
    """A programme reused year after year; a cohort follows one course."""

    overview = RichTextField(_("overview"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("overview")]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage"]

    class Meta:
        verbose_name = _("course")


class ModulePage(Page):
    """A chapter of a course, holding lessons in order."""

    summary = models.TextField(_("summary"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("module")


class LessonPage(Page):
    """One lesson; readable only by staff and the cohorts following its course."""

    estimated_minutes = models.PositiveIntegerField(_("estimated minutes"), default=30)

    content_panels = [*Page.content_panels, FieldPanel("estimated_minutes")]
    parent_page_types = ["courses.ModulePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lesson")


class SeminarIndexPage(Page):
    """Lists upcoming and past seminars."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["courses.HomePage"]
    subpage_types = ["courses.SeminarPage"]

    class Meta:
        verbose_name = _("seminar index")


class SeminarPage(Page):
    """An in-person (or online) seminar, some open to visitors."""

    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("starts_at"), FieldPanel("ends_at")]
    parent_page_types = ["courses.SeminarIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("seminar")
