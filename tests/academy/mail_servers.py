"""A real SMTP server on loopback (aiosmtpd) and real `db_worker` processes, for the mail tests.

The worker is a separate process, so it must reach the test database: on PostgreSQL it opens
the test database itself; on SQLite (an in-memory test database) the database is copied to a
file for the worker and copied back after it, with SQLite's backup API.
"""

import os
import socket
import sqlite3
import subprocess
import sys
from email import message_from_bytes, policy
from pathlib import Path
from urllib.parse import quote

from aiosmtpd.controller import Controller
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent.parent


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    """An aiosmtpd handler that keeps what it accepts; `refuse` answers 451 to that many
    messages first (a server that is busy for now)."""

    def __init__(self):
        self.delivered = []
        self.refused = 0
        self.refuse = 0

    async def handle_DATA(self, server, session, envelope):
        if self.refuse > 0:
            self.refuse -= 1
            self.refused += 1
            return "451 4.3.0 Busy, try again later"
        self.delivered.append(envelope)
        return "250 2.0.0 OK"

    def messages(self):
        """The delivered messages, parsed (header values decoded)."""
        return [message_from_bytes(e.content, policy=policy.default) for e in self.delivered]


class SmtpServer:
    def __init__(self, port=None):
        self.port = port or free_port()
        self.inbox = Inbox()
        self.controller = None

    @property
    def url(self):
        return f"smtp://127.0.0.1:{self.port}?tls=0"

    def start(self):
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


class Worker:
    """Runs `manage.py db_worker --batch` in its own process against the test database."""

    def __init__(self, tmp_path, email_url, **env):
        self.sqlite_file = tmp_path / "worker.sqlite3"
        self.email_url = email_url
        self.env = env

    def database_url(self):
        config = connection.settings_dict
        if connection.vendor == "sqlite":
            return f"sqlite:///{self.sqlite_file}"
        user = quote(config["USER"] or "")
        password = f":{quote(config['PASSWORD'])}" if config["PASSWORD"] else ""
        host = config["HOST"] or "127.0.0.1"
        port = f":{config['PORT']}" if config["PORT"] else ""
        return f"postgres://{user}{password}@{host}{port}/{config['NAME']}"

    def _copy(self, to_file):
        connection.ensure_connection()
        memory = connection.connection
        disk = sqlite3.connect(self.sqlite_file)
        try:
            memory.backup(disk) if to_file else disk.backup(memory)
        finally:
            disk.close()

    def run_batch(self):
        """Run every task that is due, then return the worker's output."""
        if connection.vendor == "sqlite":
            self._copy(to_file=True)
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.academy.worker_settings",
            "DATABASE_URL": self.database_url(),
            "EMAIL_URL": self.email_url,
            **self.env,
        }
        completed = subprocess.run(
            [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        assert completed.returncode == 0, completed.stdout + completed.stderr
        if connection.vendor == "sqlite":
            self._copy(to_file=False)
        return completed.stdout + completed.stderr
