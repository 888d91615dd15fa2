from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from .fast_pages import FastRoutingMixin, FewQueryRestrictions


class HomePage(FastRoutingMixin, FewQueryRestrictions, Page):
    """The school's front page: who it is for, the programme, what comes next.

    As the site's root it routes every URL below it in one query (models/fast_pages.py).
    """

    lead = models.CharField(_("lead"), max_length=255, blank=True)
    body = RichTextField(_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("lead"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("lead"), index.SearchField("body")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["courses.CourseIndexPage", "courses.SeminarIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from .curriculum import CourseIndexPage
        from .seminars import SeminarIndexPage

        context = super().get_context(request, *args, **kwargs)
        context["course_indexes"] = CourseIndexPage.objects.live().public().child_of(self)
        context["seminar_indexes"] = SeminarIndexPage.objects.live().public().child_of(self)
        return context
