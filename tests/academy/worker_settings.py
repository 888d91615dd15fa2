"""Settings for a `manage.py db_worker` process that a test starts: the test settings, with the
database task backend, the database from DATABASE_URL and the mail server from EMAIL_URL."""

from academy.settings.env import mailer_from_env
from academy.settings.test import *  # noqa: F403

MAILERS = {"default": mailer_from_env()}
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
