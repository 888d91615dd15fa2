"""Every admin screen of the office's day, as (label, URL) pairs (tests/academy/test_admin_japanese.py).

`prepare()` adds to the demo data (seed_demo) what makes each screen show its whole self: a
page with a scheduled revision, a page in moderation, an image and a document. `screens()`
lists Wagtail's screens the office uses, then every admin URL our own apps register, found
by walking the URL resolver, so a screen another app adds later is covered without an edit
here. A URL that takes an argument is given an object of its view's model; the few function
views with arguments are in SAMPLES.
"""

import io
import re
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from wagtail.models import Workflow

# Admin URLs whose names start with these are Wagtail's own (listed one by one in screens()).
WAGTAIL_NAMES = ("wagtail",)
CODE = re.compile(r"[a-z0-9_\-/.]+")
# Values a screen shows as what to type, not as words: the roster CSV's columns and codes.
ROSTER_CODES = {"email", "name", "role", "mentors", "language", "trainee", "mentor", "ja", "en"}
SCREEN_DATA = {"cohorts_admin:roster_import": ROSTER_CODES}
# Not screens: downloads, endpoints that answer JSON, or that only accept POST.
NOT_SCREENS = ("_csv", "_template", "results", "reinvite", "copy")


def prepare(staff):
    """A scheduled revision, a page in moderation, an image and a document."""
    from PIL import Image as PILImage
    from wagtail.documents.models import Document
    from wagtail.images.models import Image

    from courses.models import LessonPage, SeminarPage

    lesson = LessonPage.objects.live().order_by("path").first()
    revision = lesson.save_revision(user=staff)
    lesson.go_live_at = timezone.now() + timedelta(days=7)
    revision = lesson.save_revision(user=staff, approved_go_live_at=lesson.go_live_at)
    revision.publish(user=staff)  # with a future go-live: scheduled, as 「予約公開」 does

    seminar = SeminarPage.objects.live().order_by("path").first()
    seminar.save_revision(user=staff)
    workflow = Workflow.objects.filter(active=True).first()
    if workflow is not None:
        workflow.start(seminar, staff)

    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), (200, 120, 40)).save(buffer, "PNG")
    image = Image.objects.create(
        title="講義風景",
        file=ContentFile(buffer.getvalue(), name="lecture.png"),
        width=64,
        height=48,
    )
    document = Document.objects.create(
        title="受講の手引き", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="guide.pdf")
    )
    _audited_changes(staff)
    return {"lesson": lesson, "seminar": seminar, "image": image, "document": document}


def _audited_changes(staff):
    """A due date moved and a membership paused, through the services, as the office would."""
    from cohorts.coursework.models import Assignment
    from cohorts.coursework.services.assignments import update_assignment
    from cohorts.models import Membership
    from cohorts.services.memberships import update_member

    assignment = Assignment.objects.order_by("pk").first()
    assignment.due_at += timedelta(days=3)
    update_assignment(actor=staff, assignment=assignment)
    membership = Membership.objects.filter(role=Membership.Role.TRAINEE).order_by("pk").first()
    membership.is_active = False
    update_member(actor=staff, membership=membership, reason="休会")


def _page_screens(page):
    revision = page.latest_revision
    yield f"page editor ({type(page).__name__})", reverse("wagtailadmin_pages:edit", args=[page.pk])
    yield (
        f"page history ({type(page).__name__})",
        reverse("wagtailadmin_pages:history", args=[page.pk]),
    )
    if revision is not None:
        yield (
            f"revision ({type(page).__name__})",
            reverse("wagtailadmin_pages:revisions_view", args=[page.pk, revision.pk]),
        )
        yield (
            f"revision compare ({type(page).__name__})",
            reverse(
                "wagtailadmin_pages:revisions_compare", args=[page.pk, "earliest", revision.pk]
            ),
        )


def wagtail_screens(prepared):
    from courses import models as courses_models

    yield "dashboard", reverse("wagtailadmin_home")
    yield "explorer root", reverse("wagtailadmin_explore_root")
    page_types = [
        courses_models.HomePage,
        courses_models.CourseIndexPage,
        courses_models.CoursePage,
        courses_models.ModulePage,
        courses_models.LessonPage,
        courses_models.SeminarIndexPage,
        courses_models.SeminarPage,
    ]
    for model in page_types:
        page = model.objects.order_by("path").first()
        name = model.__name__
        yield f"explorer ({name})", reverse("wagtailadmin_explore", args=[page.pk])
        yield from _page_screens(page)
        parent = page.get_parent()
        content_type = ContentType.objects.get_for_model(model)
        if parent.depth > 1:
            yield (
                f"new page ({name})",
                reverse(
                    "wagtailadmin_pages:add",
                    args=[content_type.app_label, content_type.model, parent.pk],
                ),
            )
    home = courses_models.HomePage.objects.first()
    lesson, seminar = prepared["lesson"], prepared["seminar"]
    live = courses_models.LessonPage.objects.live().exclude(pk=lesson.pk).order_by("path")[0]
    yield "choose page type", reverse("wagtailadmin_pages:add_subpage", args=[home.pk])
    yield "page editor (scheduled)", reverse("wagtailadmin_pages:edit", args=[lesson.pk])
    yield "page editor (in moderation)", reverse("wagtailadmin_pages:edit", args=[seminar.pk])
    yield "workflow history", reverse("wagtailadmin_pages:workflow_history", args=[seminar.pk])
    yield "unpublish", reverse("wagtailadmin_pages:unpublish", args=[live.pk])
    yield "delete page", reverse("wagtailadmin_pages:delete", args=[live.pk])
    yield "copy page", reverse("wagtailadmin_pages:copy", args=[live.pk])
    yield "move page", reverse("wagtailadmin_pages:move", args=[live.pk])
    yield "page privacy", reverse("wagtailadmin_pages:set_privacy", args=[live.pk])
    yield "page usage", reverse("wagtailadmin_pages:usage", args=[live.pk])
    yield "page search", reverse("wagtailadmin_pages:search") + "?q=承継"
    yield "page search (nothing)", reverse("wagtailadmin_pages:search") + "?q=zzzz"
    yield "images", reverse("wagtailimages:index")
    yield "image upload", reverse("wagtailimages:add_multiple")
    yield "image edit", reverse("wagtailimages:edit", args=[prepared["image"].pk])
    yield "image delete", reverse("wagtailimages:delete", args=[prepared["image"].pk])
    yield "image usage", reverse("wagtailimages:image_usage", args=[prepared["image"].pk])
    yield "documents", reverse("wagtaildocs:index")
    yield "document upload", reverse("wagtaildocs:add_multiple")
    yield "document edit", reverse("wagtaildocs:edit", args=[prepared["document"].pk])
    yield "document delete", reverse("wagtaildocs:delete", args=[prepared["document"].pk])
    yield "collections", reverse("wagtailadmin_collections:index")
    yield "new collection", reverse("wagtailadmin_collections:add")
    yield "workflows", reverse("wagtailadmin_workflows:index")
    workflow = Workflow.objects.order_by("pk").first()
    if workflow is not None:
        yield "workflow edit", reverse("wagtailadmin_workflows:edit", args=[workflow.pk])
        task = workflow.tasks.first()
        if task is not None:
            yield "workflow task edit", reverse("wagtailadmin_workflows:edit_task", args=[task.pk])
    yield "workflow tasks", reverse("wagtailadmin_workflows:task_index")
    yield "account", reverse("wagtailadmin_account")
    yield "report: locked pages", reverse("wagtailadmin_reports:locked_pages")
    yield "report: workflows", reverse("wagtailadmin_reports:workflow")
    yield "report: workflow tasks", reverse("wagtailadmin_reports:workflow_tasks")
    yield "report: site history", reverse("wagtailadmin_reports:site_history")
    yield "report: aging pages", reverse("wagtailadmin_reports:aging_pages")
    yield "report: page types", reverse("wagtailadmin_reports:page_types_usage")
    yield "users", reverse("wagtailusers_users:index")


def _walk(resolver, prefix="", namespace=None):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace
            full = ":".join(n for n in (namespace, inner) if n) if inner else namespace
            yield from _walk(pattern, prefix + str(pattern.pattern), full)
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, pattern


def our_admin_url_names():
    """Every named admin URL our apps register, with its pattern."""
    admin_prefix = reverse("wagtailadmin_home")
    for name, pattern in _walk(get_resolver()):
        if name.startswith(WAGTAIL_NAMES) or ":" not in name:
            continue
        if any(part in name for part in NOT_SCREENS):
            continue
        try:
            url = reverse(name, kwargs=dict.fromkeys(pattern.pattern.converters, 1))
        except Exception:  # noqa: BLE001 - a regex pattern: not one of ours
            continue
        if url.startswith(admin_prefix):
            yield name, pattern


def _model_of(pattern):
    """The model a class-based view was built for (viewsets pass it to as_view())."""
    callback = pattern.callback
    model = getattr(callback, "view_initkwargs", {}).get("model")
    return model or getattr(getattr(callback, "view_class", None), "model", None)


def sample_kwargs(name, pattern, samples):
    """Arguments for one URL, or None when nobody said how to fill them."""
    arguments = list(pattern.pattern.converters)
    if not arguments:
        return {}
    if name in samples:
        return samples[name]()
    model = _model_of(pattern)
    if model is not None and arguments == ["pk"]:
        instance = model._default_manager.order_by("pk").first()
        return {"pk": instance.pk} if instance is not None else None
    return None


def own_screens(samples):
    """(label, URL) for each of our admin screens, and the names nobody could fill."""
    found, unfilled = [], []
    for name, pattern in our_admin_url_names():
        kwargs = sample_kwargs(name, pattern, samples)
        if kwargs is None:
            unfilled.append(name)
            continue
        found.append((name, reverse(name, kwargs=kwargs)))
    return found, unfilled


def default_samples():
    from courses.models import SeminarPage

    return {
        "courses_admin:seminar_registrants": lambda: {
            "page_id": SeminarPage.objects.order_by("path").first().pk
        },
    }


def data_strings():
    """The text of every row our apps and Wagtail's content hold: data, not the interface.

    Our apps are those whose code lives in this project; their character fields, and the
    titles of pages, images, documents, collections and the names of people, are what a
    screen may show in whatever language someone typed them.
    """
    from django.apps import apps
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import models
    from wagtail.documents.models import Document
    from wagtail.images.models import Image
    from wagtail.models import Collection, Page

    from .visible_english import visible_texts

    root = str(settings.BASE_DIR)
    values = set()
    for config in apps.get_app_configs():
        if not config.path.startswith(root) or ".venv" in config.path:
            continue
        for model in config.get_models():
            names = [
                f.attname
                for f in model._meta.concrete_fields
                if isinstance(f, models.CharField | models.TextField) and not f.choices
            ]
            if names:
                for row in model._default_manager.values_list(*names):
                    values.update(v for v in row if v)
    for model, field in [
        (Page, "title"),
        (Page, "seo_title"),
        (Image, "title"),
        (Document, "title"),
        (Collection, "name"),
    ]:
        values.update(v for v in model.objects.values_list(field, flat=True) if v)
    for user in get_user_model().objects.all():
        values.update(v for v in (user.get_full_name(), user.get_short_name(), str(user)) if v)
    pieces = set()
    for value in values:
        pieces.update(text.strip() for text in visible_texts(value) if text.strip())
    # Codes, slugs, paths and file names are not data to hide: an action code on a screen
    # ("deactivate") is untranslated interface.
    return {piece for piece in pieces if not CODE.fullmatch(piece)}
