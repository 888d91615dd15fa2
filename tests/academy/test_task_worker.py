"""Production sends e-mail through the database task queue: enqueue, then a worker runs it.

Tests and dev use the immediate backend; this proves the production path (django-tasks-db's
DatabaseBackend and `manage.py db_worker`) for our e-mail task and for Wagtail's own tasks,
which use the separate django_tasks package.
"""

import copy

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page
from wagtail.tasks import update_reference_index_task

from academy.mail import send_email
from tests.factories import UserFactory

# The worker closes its database connection between tasks, so no wrapping transaction.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def test_emails_wait_in_the_queue_until_a_worker_sends_them(settings):
    settings.TASKS = DATABASE_TASKS
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0]["DIRS"], settings.BASE_DIR / "tests" / "templates"]
    settings.TEMPLATES = templates
    user = UserFactory(preferred_language="en")
    send_email(user.email, "academy/email/test_message", {"name": "Sato"}, user=user)
    assert mail.outbox == []
    assert DBTaskResult.objects.filter(status="READY").count() == 1

    call_command("db_worker", "--batch", verbosity=0)

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]
    assert list(DBTaskResult.objects.values_list("status", flat=True)) == ["SUCCESSFUL"]


def test_wagtails_own_tasks_run_on_the_same_worker(settings):
    settings.TASKS = DATABASE_TASKS
    page = Page.objects.get(depth=2)
    update_reference_index_task.enqueue(page._meta.app_label, page._meta.model_name, page.pk)
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    call_command("db_worker", "--batch", verbosity=0)
    assert list(DBTaskResult.objects.values_list("status", flat=True)) == ["SUCCESSFUL"]
