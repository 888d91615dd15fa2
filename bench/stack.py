"""A production-like stack on loopback, for the scale-out check and the load benches.

    PostgreSQL (a fresh database) + Redis (one database number) + optionally a local S3 server
    (moto) + N gunicorn instances with the production settings + a proxy in front (nginx when
    installed, else a small threaded Python proxy), all on 127.0.0.1.

Used as `with Stack(...) as stack:`; everything it started is stopped on the way out, and the
database is dropped unless keep=True. Nothing here is a test: scripts print what they see.
"""

import http.client
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

NGINX_CONF = """
worker_processes 2;
daemon off;
user root;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 2048; }}
http {{
    access_log off;
    client_max_body_size 60m;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    upstream academy {{
{servers}
        keepalive 32;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://academy;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_read_timeout 180s;
            add_header X-Upstream $upstream_addr always;
        }}
    }}
}}
"""


def port_is_free(port):
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # TIME_WAIT is free
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def wait_for_port(port, process=None, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise SystemExit(f"a process for port {port} exited during start-up")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"nothing answered on port {port} within {timeout} s")


def run(command, env, timeout=900):
    result = subprocess.run(
        command, cwd=ROOT, env=env, timeout=timeout, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-3000:] + result.stderr[-3000:])
        raise SystemExit(f"failed: {' '.join(map(str, command[:4]))}")
    return result.stdout


class PythonProxy:
    """Round-robin HTTP/1.1 forwarding for when nginx is not installed."""

    def __init__(self, port, upstreams):
        self.port, self.upstreams = port, upstreams
        self.counter = 0
        self.lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def forward(self):
                with proxy.lock:
                    upstream = proxy.upstreams[proxy.counter % len(proxy.upstreams)]
                    proxy.counter += 1
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                headers = {k: v for k, v in self.headers.items() if k.lower() != "connection"}
                headers["X-Forwarded-For"] = self.client_address[0]
                connection = http.client.HTTPConnection("127.0.0.1", upstream, timeout=180)
                connection.request(self.command, self.path, body=body, headers=headers)
                answer = connection.getresponse()
                data = answer.read()
                self.send_response(answer.status)
                for key, value in answer.getheaders():
                    if key.lower() not in ("transfer-encoding", "connection", "content-length"):
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("X-Upstream", f"127.0.0.1:{upstream}")
                self.end_headers()
                self.wfile.write(data)
                connection.close()

            do_GET = do_POST = do_HEAD = forward

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self):
        self.thread.start()

    def stop(self):
        self.server.shutdown()


class Stack:
    def __init__(
        self,
        *,
        proxy_port=8120,
        web_ports=(8121, 8122),
        s3_port=8123,
        storage="s3",
        workers=2,
        threads=4,
        database_url="postgres://postgres@127.0.0.1:5432/wt_scale_stack",
        redis_url="redis://127.0.0.1:6379/12",
        keep=False,
        proxy="auto",
        extra_env=None,
    ):
        self.proxy_port, self.web_ports, self.s3_port = proxy_port, list(web_ports), s3_port
        self.storage, self.workers, self.threads = storage, workers, threads
        self.database_url, self.redis_url, self.keep = database_url, redis_url, keep
        self.use_nginx = proxy == "nginx" or (proxy == "auto" and shutil.which("nginx"))
        self.tmp = Path(tempfile.mkdtemp(prefix="wt-scale-stack-"))
        self.processes = []
        self.webs = []
        self.python_proxy = None
        self.base = f"http://127.0.0.1:{proxy_port}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "academy.settings.production",
            "DATABASE_URL": database_url,
            "SECRET_KEY": secrets.token_urlsafe(60),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": self.base,
            "CACHE_URL": redis_url,
            "EMAIL_URL": "dummy://",
            "SECURE_SSL_REDIRECT": "0",
            "TRUSTED_PROXY_COUNT": "1",
            "MEDIA_ROOT": str(self.tmp / "media"),
            "PRIVATE_MEDIA_ROOT": str(self.tmp / "private"),
            "LOG_LEVEL": "WARNING",
            **(extra_env or {}),
        }
        if storage == "s3":
            bucket = f"wt-scale-{secrets.token_hex(4)}"
            self.bucket = bucket
            self.env.update(
                S3_BUCKET=bucket,
                S3_ENDPOINT_URL=f"http://127.0.0.1:{s3_port}",
                S3_REGION="us-east-1",
                S3_ACCESS_KEY_ID="bench",
                S3_SECRET_ACCESS_KEY="bench-secret",
            )

    # --- the pieces -------------------------------------------------------------------------

    def _admin(self):
        import psycopg

        parts = urlsplit(self.database_url)
        return psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True)

    def recreate_database(self, drop_only=False):
        name = urlsplit(self.database_url).path.lstrip("/")
        with self._admin() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            if not drop_only:
                connection.execute(f'CREATE DATABASE "{name}"')

    def flush_redis(self):
        import redis

        redis.Redis.from_url(self.redis_url).flushdb()

    def start_s3(self):
        process = subprocess.Popen(
            [PYTHON, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.s3_port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        self.processes.append(process)
        wait_for_port(self.s3_port, process)
        import boto3

        boto3.client(
            "s3",
            endpoint_url=self.env["S3_ENDPOINT_URL"],
            region_name="us-east-1",
            aws_access_key_id="bench",
            aws_secret_access_key="bench-secret",
        ).create_bucket(Bucket=self.bucket)

    def start_web(self, port):
        process = subprocess.Popen(
            [
                str(Path(PYTHON).parent / "gunicorn"), "academy.wsgi:application",
                "--bind", f"127.0.0.1:{port}",
                "--workers", str(self.workers),
                "--worker-class", "gthread", "--threads", str(self.threads),
                "--timeout", "120", "--log-level", "warning",
            ],
            cwd=ROOT, env=self.env, start_new_session=True,
        )  # fmt: skip
        self.processes.append(process)
        self.webs.append(process)
        return process

    def start_proxy(self):
        if self.use_nginx:
            servers = "\n".join(f"        server 127.0.0.1:{p};" for p in self.web_ports)
            conf = self.tmp / "nginx.conf"
            conf.write_text(NGINX_CONF.format(tmp=self.tmp, servers=servers, port=self.proxy_port))
            process = subprocess.Popen(
                ["nginx", "-p", str(self.tmp), "-c", str(conf)], start_new_session=True
            )
            self.processes.append(process)
            wait_for_port(self.proxy_port, process)
            return "nginx"
        self.python_proxy = PythonProxy(self.proxy_port, self.web_ports)
        self.python_proxy.start()
        return "python"

    def manage(self, *args, timeout=900):
        return run([PYTHON, "manage.py", *args], self.env, timeout=timeout)

    def python(self, label, code, timeout=900):
        """The last line a piece of code (run with the stack's environment) prints."""
        output = run([PYTHON, "-c", code], self.env, timeout=timeout)
        return output.strip().splitlines()[-1]

    def python_script(self, path, *args, timeout=900):
        """The last line a script (run with the stack's environment) prints."""
        output = run([PYTHON, path, *map(str, args)], self.env, timeout=timeout)
        return output.strip().splitlines()[-1]

    def web_pids(self):
        """The gunicorn processes (masters and workers), for memory figures."""
        pids = []
        for process in self.webs:
            try:
                children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text()
            except OSError:
                continue
            pids += [process.pid, *map(int, children.split())]
        return pids

    # --- the whole ----------------------------------------------------------------------------

    def __enter__(self):
        ports = [self.proxy_port, *self.web_ports] + (
            [self.s3_port] if self.storage == "s3" else []
        )
        busy = [p for p in ports if not port_is_free(p)]
        if busy:
            raise SystemExit(f"ports in use: {busy}")
        print(f"stack: PostgreSQL {urlsplit(self.database_url).path.lstrip('/')}, Redis "
              f"{self.redis_url}, storage {self.storage}; migrating …", flush=True)  # fmt: skip
        self.recreate_database()
        self.flush_redis()
        try:
            if self.storage == "s3":
                self.start_s3()
            self.manage("migrate", "-v0")
            self.manage("collectstatic", "--noinput", "-v0")
            return self
        except BaseException:
            self.__exit__(None, None, None)
            raise

    def serve(self):
        """Start the web processes and the proxy (after the data is in place)."""
        webs = [self.start_web(port) for port in self.web_ports]
        for port, process in zip(self.web_ports, webs, strict=True):
            wait_for_port(port, process)
        kind = self.start_proxy()
        print(f"stack: {len(self.web_ports)} gunicorn instances on {self.web_ports} "
              f"({self.workers} workers × {self.threads} threads each) behind {kind} on "
              f"{self.base}", flush=True)  # fmt: skip

    def __exit__(self, *exc):
        if self.python_proxy is not None:
            self.python_proxy.stop()
        for process in reversed(self.processes):
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    continue
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        if not self.keep:
            self.recreate_database(drop_only=True)
        shutil.rmtree(self.tmp, ignore_errors=True)
        return False
