"""Scale-out on this machine: two gunicorn instances behind a proxy serve the same people.

    .venv/bin/python scripts/scaleout_check.py [--storage s3|disk] [--proxy auto|nginx|python]

Starts the production-like stack of bench/stack.py (PostgreSQL, Redis, a local S3 server,
two gunicorn instances with the production settings on 8121 and 8122, nginx or a Python proxy
on 8120) and shows, talking to each instance directly so nothing depends on the proxy's luck:
1. signed in through one instance is signed in on the other (sessions in the shared cache and
   database, no sticky sessions);
2. the sign-in rate limit counts across both (five wrong passwords split between them lock the
   account on both: the counter lives in Redis);
3. a file uploaded through one downloads through the other, byte for byte (shared storage);
4. the proxy spreads requests over both.
Prints each check and exits 0 only when all hold. Everything it starts is stopped.
"""

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
KEY = re.compile(r'name="key" value="([^"]*)"')


PUBLIC = "127.0.0.1:8120"  # the proxy's address: the Host every instance sees behind it


class Client:
    """One person's cookies, sent explicitly (the production cookies are Secure, and this
    loopback stack speaks plain HTTP). Requests sent straight to an instance carry the Host
    the proxy would pass on, as they would behind it."""

    def __init__(self):
        self.cookies = {}

    def request(self, method, url, headers=None, **kwargs):
        response = requests.request(
            method,
            url,
            cookies=self.cookies,
            allow_redirects=False,
            timeout=120,
            headers={"Host": PUBLIC, **(headers or {})},
            **kwargs,
        )
        self.cookies.update(response.cookies.get_dict())
        return response

    def form(self, url):
        page = self.request("GET", url)
        page.raise_for_status()
        return page, TOKEN.search(page.text).group(1)

    def post(self, base, url, data, **kwargs):
        public = f"http://{PUBLIC}"
        headers = {"Origin": public, "Referer": public + url.removeprefix(base)}
        return self.request("POST", url, data=data, headers=headers, **kwargs)

    def sign_in(self, base, email, password):
        _page, token = self.form(f"{base}/accounts/login/")
        data = {"csrfmiddlewaretoken": token, "login": email, "password": password}
        return self.post(base, f"{base}/accounts/login/", data)


def check(label, ok, detail=""):
    print(f"[{'ok' if ok else 'FAILED'}] {label}{': ' + detail if detail else ''}", flush=True)
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--storage", choices=["s3", "disk"], default="s3")
    parser.add_argument("--proxy", choices=["auto", "nginx", "python"], default="auto")
    options = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from bench.stack import Stack
    from bench.uploads import pdf_bytes

    results = []
    with Stack(storage=options.storage, proxy=options.proxy, workers=1, threads=4) as stack:
        data = json.loads(stack.python_script("bench/stack_data.py", 0, 0, 2, 3600))
        stack.serve()
        one, two = (f"http://127.0.0.1:{port}" for port in stack.web_ports)
        first, second = data["accounts"]

        # 1. Signed in on one is signed in on the other.
        person = Client()
        signed = person.sign_in(one, first["email"], first["password"])
        dashboard = person.request("GET", f"{two}/dashboard/")
        stranger = Client().request("GET", f"{two}/dashboard/")
        results.append(
            check(
                f"signed in through :{stack.web_ports[0]}, signed in on :{stack.web_ports[1]}",
                signed.status_code == 302
                and dashboard.status_code == 200
                and "ログイン0" in dashboard.text
                and stranger.status_code == 302,
                f"sign-in {signed.status_code}, dashboard on the other {dashboard.status_code}, "
                f"without the cookie {stranger.status_code}",
            )
        )

        # 2. The rate limit counts across both.
        guesser = Client()
        answers = []
        for attempt in range(5):
            base = (one, two)[attempt % 2]
            answers.append(guesser.sign_in(base, second["email"], "wrong-password").status_code)
        correct = guesser.sign_in(two, second["email"], second["password"])
        refused = correct.status_code != 302
        after = Client().sign_in(one, second["email"], second["password"])
        results.append(
            check(
                "5 wrong passwords split over both instances lock the account on both",
                refused and after.status_code != 302,
                f"wrong guesses answered {answers}; then the right password answered "
                f"{correct.status_code} on :{stack.web_ports[1]} and {after.status_code} on "
                f":{stack.web_ports[0]} (302 would be a sign-in)",
            )
        )

        # 3. An upload through one downloads through the other.
        body = pdf_bytes("scale-out check", 2_000_000)
        url = f"{one}/assignments/{data['assignment']}/"
        page, token = person.form(url)
        key = KEY.search(page.text).group(1)
        submitted = person.post(
            one,
            f"{url}submit/",
            {"csrfmiddlewaretoken": token, "key": key, "action": "submit", "text": "<p>提出</p>"},
            files=[("files", ("事業承継計画書.pdf", body, "application/pdf"))],
        )
        detail = person.request("GET", f"{two}{submitted.headers.get('Location', '/')}")
        link = re.search(r'href="(/submissions/files/\d+/)"', detail.text)
        download = person.request("GET", f"{two}{link.group(1)}") if link else None
        other = Client()
        other.sign_in(two, first["email"], first["password"])
        results.append(
            check(
                f"a {len(body) // 1000} KB file uploaded through :{stack.web_ports[0]} "
                f"downloads through :{stack.web_ports[1]} ({options.storage})",
                submitted.status_code == 302
                and download is not None
                and download.status_code == 200
                and hashlib.sha256(download.content).digest() == hashlib.sha256(body).digest(),
                f"submit {submitted.status_code}, download "
                f"{download.status_code if download is not None else 'no link'}",
            )
        )

        # 4. The proxy spreads the load.
        seen = {
            requests.get(f"{stack.base}/robots.txt", timeout=30).headers.get("X-Upstream")
            for _ in range(10)
        }
        through = person.request("GET", f"{stack.base}/dashboard/")
        results.append(
            check(
                "the proxy sends requests to both instances, signed-in pages included",
                len(seen) == 2 and through.status_code == 200,
                f"upstreams seen {sorted(map(str, seen))}, dashboard through the proxy "
                f"{through.status_code}",
            )
        )
    ok = all(results)
    print("RESULT:", "two stateless instances serve the same people" if ok else "FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
