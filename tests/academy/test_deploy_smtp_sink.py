"""scripts/smtp_sink.py (the loopback stack's SMTP server) keeps what Django's SMTP backend sends."""

import smtplib
import socket
import subprocess
import sys
from pathlib import Path

from django.core.mail import EmailMessage

ROOT = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_sink_keeps_a_message_sent_over_smtp(tmp_path):
    port = free_port()
    sink = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "scripts" / "smtp_sink.py"),
            "--port",
            str(port),
            "--folder",
            str(tmp_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert "smtp-sink on" in sink.stdout.readline()
        message = EmailMessage("件名", "本文です\n.leading dot", to=["t1@example.com"])
        with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
            client.ehlo()
            client.sendmail("office@example.com", ["t1@example.com"], message.message().as_bytes())
        assert "to <t1@example.com>" in sink.stdout.readline()
    finally:
        sink.terminate()
        sink.wait(timeout=10)
    kept = (tmp_path / "1.eml").read_bytes()
    assert b"To: t1@example.com" in kept
