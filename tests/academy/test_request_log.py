"""Structured logs: one record per request and one per refused access, ids only."""

import json
import logging

import pytest

from academy.logging_setup import JsonFormatter
from cohorts.coursework.models import Submission
from tests.factories import AssignmentFactory, submitted_attempt

pytestmark = pytest.mark.django_db


def records(caplog, name):
    return [r for r in caplog.records if r.name == name]


def test_one_record_per_request(trainee, world, caplog):
    caplog.set_level(logging.INFO, logger="academy.requests")
    response = trainee.get("/assignments/")
    assert response.status_code == 200
    (record,) = records(caplog, "academy.requests")
    assert record.method == "GET"
    assert record.path == "/assignments/"
    assert record.route == "coursework:assignment_list"
    assert record.status == 200
    assert record.user_id == world.users["trainee"].pk
    assert isinstance(record.duration_ms, float) and record.duration_ms >= 0
    assert records(caplog, "academy.access") == []


def test_anonymous_requests_have_no_user_id(client, caplog):
    caplog.set_level(logging.INFO, logger="academy.requests")
    client.get("/robots.txt")
    (record,) = records(caplog, "academy.requests")
    assert record.user_id is None
    assert record.status == 200


def test_a_refused_object_is_logged_with_user_and_object_id(other_trainee, world, caplog):
    assignment = AssignmentFactory(cohort=world.cohort)
    submission = submitted_attempt(assignment, world.memberships["trainee"])
    caplog.set_level(logging.INFO)
    response = other_trainee.get(f"/submissions/{submission.pk}/")
    assert response.status_code == 404
    (refusal,) = records(caplog, "academy.access")
    assert refusal.levelname == "WARNING"
    assert refusal.user_id == world.users["other_trainee"].pk
    assert refusal.object_ids == {"pk": submission.pk}
    assert refusal.route == "coursework:submission_detail"
    assert refusal.status == 404
    assert Submission.objects.filter(pk=submission.pk).exists()


def test_a_403_is_logged(client, caplog):
    client.handler.enforce_csrf_checks = True
    caplog.set_level(logging.INFO)
    response = client.post("/i18n/setlang/", {"language": "en"})
    assert response.status_code == 403
    (refusal,) = records(caplog, "academy.access")
    assert refusal.status == 403 and refusal.user_id is None


def test_secrets_in_paths_are_masked(client, caplog):
    caplog.set_level(logging.INFO, logger="academy.requests")
    client.get("/invitations/abcdefSECRETtoken123/")
    (record,) = records(caplog, "academy.requests")
    assert "SECRET" not in record.path


def test_the_json_line_holds_ids_and_no_personal_data(trainee, world, caplog):
    caplog.set_level(logging.INFO, logger="academy.requests")
    trainee.get("/assignments/")
    (record,) = records(caplog, "academy.requests")
    line = JsonFormatter().format(record)
    assert "\n" not in line
    data = json.loads(line)
    assert data["message"] == "request"
    assert data["logger"] == "academy.requests"
    assert data["user_id"] == world.users["trainee"].pk
    assert {"path", "status", "duration_ms", "route", "method", "time", "level"} <= set(data)
    user = world.users["trainee"]
    for personal in (user.email, user.display_name, "127.0.0.1"):
        assert personal not in line


def test_logging_adds_no_query(client, django_assert_num_queries):
    """A page that never looks at the user gets no user id rather than an extra query."""
    with django_assert_num_queries(0):
        client.get("/robots.txt")
