"""gunicorn's configuration (gunicorn reads ./gunicorn.conf.py from the working directory).

    gunicorn academy.wsgi            # from the project folder; docs/deploy.md has the unit file

Every value comes from the environment (docs/deploy.md lists them). The application writes
its own JSON line per request (academy.logging_requests), so gunicorn's access log is off
unless GUNICORN_ACCESS_LOG names a file or "-"; its format is JSON too, without IP address,
user agent or query string (no personal data).

Proxies: Django trusts X-Forwarded-Proto (SECURE_PROXY_SSL_HEADER), so gunicorn listens on
loopback (or a socket) behind the proxy that sets that header. gunicorn itself trusts
forwarded headers only from FORWARDED_ALLOW_IPS, which is empty (nobody) unless a proxy is
configured.
"""

import multiprocessing
import os


def _int(name, default):
    value = os.environ.get(name) or default
    try:
        return int(value)
    except ValueError:
        raise SystemExit(f"{name}={value!r} is not a whole number.") from None


bind = [address.strip() for address in os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")]
# Sync workers: 2 per core + 1 by default (WEB_CONCURRENCY is the common name for it).
workers = _int("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1)
threads = _int("GUNICORN_THREADS", 1)
worker_class = "gthread" if threads > 1 else "sync"
# A request that takes longer than this is killed (uploads of 20 MB on a slow line fit).
timeout = _int("GUNICORN_TIMEOUT", 60)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Recycle workers now and then, so a slow leak never grows for years.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = max_requests // 10
# The application and its translations load once, before forking.
preload_app = True
# Only a configured proxy may set X-Forwarded-* and the scheme.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "")

# No control socket: it would live at one path per user ($HOME/.gunicorn/gunicorn.ctl), so two
# instances on one machine would collide, and the systemd unit's home is read-only anyway.
control_socket_disable = True

errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
access_log_format = (
    '{"logger": "gunicorn.access", "time": "%(t)s", "method": "%(m)s", "path": "%(U)s", '
    '"status": %(s)s, "bytes": "%(b)s", "duration_ms": %(M)s, "pid": "%(p)s"}'
)
