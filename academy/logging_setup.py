"""The logging configuration: plain text in development, one JSON object per line in production.

Settings call `logging_config(LOG_FORMAT)`; nothing here imports Django, so the settings can.
A record's `extra` fields (user_id, path, status, duration_ms, ...) become keys of its JSON
line. Records carry ids only, never names, e-mail addresses or IP addresses.
"""

import json
import logging
import os
from datetime import UTC, datetime

# The attributes every LogRecord has; anything else on a record came through `extra`.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """One line of JSON per record: time (UTC), level, logger, message and the extra fields."""

    def format(self, record):
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                line[key] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """The message followed by the extra fields as key=value, for a terminal."""

    def format(self, record):
        text = super().format(record)
        extra = " ".join(
            f"{key}={value}"
            for key, value in vars(record).items()
            if key not in _STANDARD and not key.startswith("_")
        )
        return f"{text} {extra}" if extra else text


def logging_config(log_format="text"):
    """settings.LOGGING for LOG_FORMAT "json" or "text"; LOG_LEVEL and TASKS_LOG_LEVEL apply."""
    if log_format not in ("json", "text"):
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"LOG_FORMAT={log_format!r} is not json or text.")
    formatter = (
        {"()": JsonFormatter}
        if log_format == "json"
        else {"()": TextFormatter, "format": "%(levelname)s %(name)s %(message)s"}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"default": formatter},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "default"}},
        "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL") or "INFO"},
        "loggers": {
            "django.db.backends": {"level": "INFO"},
            # One line per task run (Wagtail's reference index) drowns everything else.
            "django.tasks": {"level": os.environ.get("TASKS_LOG_LEVEL") or "WARNING"},
            # Our request log replaces Django's own lines for 4xx/5xx responses.
            "django.request": {"level": "ERROR"},
            "django.server": {"level": "WARNING" if log_format == "json" else "INFO"},
        },
    }
