"""The two lock files: the runtime (production installs only this) and the development set."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9_.\-\[\]]+)==(\S+)", re.M)


def pins(name):
    text = (ROOT / name).read_text(encoding="utf-8")
    return {package.lower(): version for package, version in PIN.findall(text)}


def requirements(name):
    """Each requirement of a lock as one block of text (continuation lines joined)."""
    text = (ROOT / name).read_text(encoding="utf-8").replace("\\\n", " ")
    return [line for line in text.splitlines() if PIN.match(line)]


def dev_tools():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    extras = project["project"]["optional-dependencies"]["dev"]
    return {re.split(r"[<>=!~\[ ;]", spec, maxsplit=1)[0].lower() for spec in extras}


def test_the_runtime_lock_holds_no_development_tool():
    assert dev_tools() & set(pins("requirements.lock")) == set()


def test_the_development_lock_holds_the_runtime_at_the_same_versions():
    runtime, dev = pins("requirements.lock"), pins("requirements-dev.lock")
    assert {name: dev.get(name) for name in runtime} == runtime
    assert dev_tools() <= set(dev)


def test_every_pin_has_a_hash():
    for name in ("requirements.lock", "requirements-dev.lock"):
        unhashed = [line.split()[0] for line in requirements(name) if "--hash=sha256:" not in line]
        assert unhashed == [], f"{name}: {unhashed}"
