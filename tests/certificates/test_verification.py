"""The public verification page: valid shows only name, programme and date; unknown and
revoked codes get the same "not valid" page; lookups are rate-limited per client IP, and a
forged X-Forwarded-For does not reset the count."""

import pytest
from django.test import Client
from django.urls import reverse

from cohorts.certificates.services.completions import confirm_completion, undo_completion

from .scenario import rule_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def completion(world):
    rule_for(world.cohort, min_attendance=0)
    return confirm_completion(actor=world.users["staff"], membership=world.memberships["trainee"])


def check(client, code, **extra):
    return client.get(reverse("certificates:verify_code", args=[code]), **extra)


def result_section(response):
    body = response.content.decode()
    start = body.index('<section class="card verify-result')
    return body[start : body.index("</section>", start)]


def test_a_valid_code_shows_name_programme_and_date_only(world, completion):
    response = check(Client(), completion.code)
    assert response.status_code == 200
    section = result_section(response)
    assert "有効" in section
    assert "受講生 花子" in section
    assert "事業承継基礎コース" in section
    assert "w-trainee@example.com" not in response.content.decode()
    assert world.cohort.name not in section
    assert response["Cache-Control"] == "private, no-store"


def test_unknown_and_revoked_codes_look_the_same(world, completion, django_assert_num_queries):
    client = Client()
    with django_assert_num_queries(1):
        unknown = check(client, "x" * len(completion.code))
    undo_completion(actor=world.users["staff"], completion=completion, reason="誤り")
    with django_assert_num_queries(1):
        revoked = check(client, completion.code)
    assert unknown.status_code == revoked.status_code == 200
    assert result_section(unknown) == result_section(revoked)
    assert "無効" in result_section(revoked)
    assert "受講生 花子" not in revoked.content.decode()


def test_the_form_sends_a_typed_code_to_its_page(completion):
    response = Client().get(reverse("certificates:verify"), {"code": f"  {completion.code} "})
    assert response.status_code == 302
    assert response["Location"] == reverse("certificates:verify_code", args=[completion.code])


def test_a_malformed_code_is_just_not_valid():
    response = check(Client(), "<script>")
    assert response.status_code == 200
    assert "無効" in response.content.decode()
    assert "<script>" not in response.content.decode()


def test_lookups_are_rate_limited_per_ip_and_a_forged_header_does_not_help(settings, completion):
    settings.CERTIFICATE_VERIFY_RATE_LIMIT = (3, 3600)
    client = Client(REMOTE_ADDR="203.0.113.9")
    for n in range(3):
        assert check(client, f"guess{n}").status_code == 200
    assert check(client, completion.code).status_code == 429
    forged = check(client, completion.code, HTTP_X_FORWARDED_FOR=f"198.51.100.{7}")
    assert forged.status_code == 429
    assert "受講生 花子" not in forged.content.decode()
    # Another client is not affected.
    assert check(Client(REMOTE_ADDR="203.0.113.10"), completion.code).status_code == 200
