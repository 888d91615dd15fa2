"""A submission's files on the review page: images inline under a sandbox, the rest as
downloads; only for those who may review (or score) the attempt."""

import pytest
from django.urls import reverse

from tests.factories import submitted_attempt
from tests.upload_corpus import pdf_bytes, png_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def files(world, assignment):
    attempt = submitted_attempt(
        assignment,
        world.memberships["trainee"],
        files=[("図.png", png_bytes()), ("計画.pdf", pdf_bytes())],
        key="f",
    )
    return attempt, {f.kind: f for f in attempt.files.all()}


def test_an_image_is_shown_inline_under_a_sandbox(mentor, files):
    attempt, by_kind = files
    page = mentor.get(reverse("review:review_detail", args=[attempt.pk])).content.decode()
    src = reverse("review:file", args=[by_kind["png"].pk]) + "?inline=1"
    assert f'src="{src}"' in page
    response = mentor.get(src)
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_pdf_is_always_a_download(mentor, files):
    _attempt, by_kind = files
    response = mentor.get(reverse("review:file", args=[by_kind["pdf"].pk]), {"inline": "1"})
    assert response["Content-Disposition"].startswith("attachment")


def test_another_mentor_gets_404(other_mentor, files):
    _attempt, by_kind = files
    assert other_mentor.get(reverse("review:file", args=[by_kind["png"].pk])).status_code == 404
