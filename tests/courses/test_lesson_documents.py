"""A document placed in a lesson is served only to those who may read that lesson."""

import pytest
from wagtail_factories import DocumentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lesson_document(world, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    document = DocumentFactory(title="承継計画シート")
    lesson = world.lesson.specific
    lesson.body = [("document", {"document": document, "label": ""})]
    lesson.save_revision().publish()
    return document


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 404),
        ("trainee_other_cohort", 404),
        ("trainee", 200),
        ("mentor", 200),
        ("staff", 200),
    ],
)
def test_a_lesson_document_follows_the_lesson_access(request, lesson_document, role, status):
    client = request.getfixturevalue(role)
    assert client.get(lesson_document.url).status_code == status


def test_a_deactivated_trainee_loses_the_lesson_documents(world, trainee, lesson_document):
    assert trainee.get(lesson_document.url).status_code == 200
    membership = world.memberships["trainee"]
    membership.is_active = False
    membership.save()
    assert trainee.get(lesson_document.url).status_code == 404


def test_a_document_used_nowhere_is_for_staff_only(anonymous, staff, settings, tmp_path):
    """Fail closed: only a live public page's link makes a document public."""
    settings.MEDIA_ROOT = str(tmp_path)
    document = DocumentFactory(title="パンフレット")
    assert anonymous.get(document.url).status_code == 404
    assert staff.get(document.url).status_code == 200


@pytest.mark.parametrize("role", ["anonymous", "trainee_other_cohort"])
def test_a_stale_reference_index_keeps_a_lesson_document_closed(request, lesson_document, role):
    """The task worker is down: the index does not (yet) know the document is in a lesson."""
    from wagtail.models import ReferenceIndex

    ReferenceIndex.objects.all().delete()
    client = request.getfixturevalue(role)
    assert client.get(lesson_document.url).status_code == 404


def test_a_stale_index_still_serves_staff(staff, lesson_document):
    from wagtail.models import ReferenceIndex

    ReferenceIndex.objects.all().delete()
    assert staff.get(lesson_document.url).status_code == 200


def test_in_dev_only_image_renditions_are_served_from_media(settings):
    """Documents and original images have no public URL, in dev too; renditions (the sizes
    pages show) are public by design (README: "Files and their URLs")."""
    from academy.urls import media_patterns

    settings.DEBUG = True
    routes = [str(pattern.pattern) for pattern in media_patterns()]
    assert routes and all(route.startswith("^media/images/") for route in routes), routes


def test_an_unpublished_lesson_keeps_its_document_from_trainees_not_from_staff(
    world, trainee, staff, lesson_document
):
    world.lesson.unpublish()
    assert trainee.get(lesson_document.url).status_code == 404
    assert staff.get(lesson_document.url).status_code == 200  # previews still work


def test_a_lesson_document_linked_from_a_public_page_is_public(anonymous, lesson_document):
    from tests.factories import SeminarPageFactory

    seminar = SeminarPageFactory()
    seminar.body = f'<p><a linktype="document" id="{lesson_document.pk}">資料</a></p>'
    seminar.save_revision().publish()
    assert anonymous.get(lesson_document.url).status_code == 200
