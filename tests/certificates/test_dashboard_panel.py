"""The trainee's dashboard says what is left to complete (or offers the certificate), in a
fixed number of queries at two sizes (the reports' own dashboard scenario)."""

import pytest
from django.urls import reverse

from cohorts.certificates.services.completions import confirm_completion
from tests.conftest import client_for
from tests.reports.test_reports import SIZES, school

from .scenario import rule_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("trainees", "assignments"), SIZES)
def test_what_is_left_in_fixed_queries(world, trainees, assignments, django_assert_num_queries):
    _members, tasks = school(world, trainees, assignments)
    rule_for(world.cohort, min_attendance=80, pass_mark=80, assignments=tasks)
    client = client_for(world.users["trainee"])
    # The reports' 27 (tests/reports/test_reports.py PAGES), and 2 for the rule's required
    # assignments and sessions.
    with django_assert_num_queries(29):
        body = client.get(reverse("cohorts:dashboard")).content.decode()
    assert "修了までに残っていること" in body
    # 花子 has 7.5 of 10 where a release exists: under the 80 % pass mark.
    assert "（合格点は80%）" in body
    assert body.count('class="failed"') >= 1


def test_no_panel_without_rules_or_completion(world):
    body = client_for(world.users["trainee"]).get(reverse("cohorts:dashboard")).content.decode()
    assert "completion-panel" not in body


def test_every_rule_met_says_the_office_will_confirm(world):
    rule_for(world.cohort, min_attendance=0)
    body = client_for(world.users["trainee"]).get(reverse("cohorts:dashboard")).content.decode()
    assert "修了要件をすべて満たしています" in body


def test_a_certificate_being_made_says_so(world):
    rule_for(world.cohort, min_attendance=0)
    # No on_commit callbacks run here: the worker has not made the file yet.
    confirm_completion(actor=world.users["staff"], membership=world.memberships["trainee"])
    body = client_for(world.users["trainee"]).get(reverse("cohorts:dashboard")).content.decode()
    assert "修了証を作成中です" in body
    assert "/certificate.pdf" not in body
