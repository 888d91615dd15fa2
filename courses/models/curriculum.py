"""The curriculum tree: CourseIndexPage > CoursePage > ModulePage > LessonPage."""

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import LessonBodyBlock
from .fast_pages import FewQueryRestrictions


class CourseIndexPage(FewQueryRestrictions, Page):
    """Lists the school's courses."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["courses.HomePage"]
    subpage_types = ["courses.CoursePage"]

    class Meta:
        verbose_name = _("course index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = CoursePage.objects.live().public().child_of(self)
        return context


class CoursePage(FewQueryRestrictions, Page):
    """A programme reused year after year; a cohort follows one course. Public."""

    overview = RichTextField(_("overview"), blank=True)
    goals = RichTextField(_("goals"), blank=True, features=["bold", "italic", "ol", "ul", "link"])
    duration = models.CharField(
        _("duration"), max_length=100, blank=True, help_text=_("For example: one year, 12 days.")
    )
    audience = RichTextField(
        _("who it is for"), blank=True, features=["bold", "italic", "ol", "ul", "link"]
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("overview"),
        FieldPanel("goals"),
        FieldPanel("duration"),
        FieldPanel("audience"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("overview"),
        index.SearchField("goals"),
        index.SearchField("audience"),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage"]

    class Meta:
        verbose_name = _("course")


class ModulePage(FewQueryRestrictions, Page):
    """A chapter of a course, holding lessons in tree order."""

    summary = models.TextField(_("summary"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary")]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("module")

    @cached_property
    def course(self):
        return CoursePage.objects.get(path=self.path[: (self.depth - 1) * self.steplen])


class LessonPage(FewQueryRestrictions, Page):
    """One lesson; readable only by those the access rules allow (the `before_serve_page` hook
    in courses/wagtail_hooks.py asks cohorts.access before this page is served)."""

    body = StreamField(LessonBodyBlock(), verbose_name=_("body"), blank=True)
    estimated_minutes = models.PositiveIntegerField(_("estimated minutes"), default=30)
    objectives = models.TextField(
        _("learning objectives"), blank=True, help_text=_("One objective per line.")
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("estimated_minutes"),
        FieldPanel("objectives"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("objectives"),
        index.SearchField("body"),
    ]
    parent_page_types = ["courses.ModulePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lesson")

    @property
    def objective_list(self):
        return [line.strip() for line in self.objectives.splitlines() if line.strip()]

    @cached_property
    def course(self):
        return CoursePage.objects.get(path=self.path[: (self.depth - 2) * self.steplen])

    def get_sitemap_urls(self, request=None):
        return []  # lessons are not public

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        return response

    def serve_preview(self, request, mode_name):
        # Wagtail already limits previews to editors of this page.
        return super().serve(request)
