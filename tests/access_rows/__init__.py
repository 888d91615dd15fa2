"""Rows of the access matrix, one module per area (see tests/test_access.py for the format)."""

from dataclasses import dataclass, field
from typing import Any

from tests.world import ROLES


def expect(default=None, **statuses):
    """Expected status per role: every role gets `default` unless named.

    expect(200, anonymous=302) -> {"anonymous": 302, "trainee": 200, ..., "staff": 200}
    """
    unknown = set(statuses) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles: {sorted(unknown)}")
    table = {role: statuses.get(role, default) for role in ROLES}
    missing = [role for role, status in table.items() if status is None]
    if missing:
        raise ValueError(f"no expected status for {missing}")
    return table


# Common shapes.
STAFF_ADMIN = expect(302, staff=200)  # Wagtail admin: others are sent to the sign-in page
SIGNED_IN = expect(200, anonymous=302)  # any signed-in person; anonymous → sign-in page
PUBLIC = expect(200)


@dataclass
class Row:
    name: str
    expect: dict
    kwargs: Any = None  # callable(world) -> dict for reverse()
    path: Any = None  # callable(world) -> str, instead of reverse() (e.g. Wagtail pages)
    method: str = "get"
    data: Any = None  # callable(world) -> dict (POST body or GET query)
    label: str = ""
    extra: dict = field(default_factory=dict)  # passed to the client call (e.g. headers)

    def __post_init__(self):
        missing = set(ROLES) - set(self.expect)
        if missing:
            raise ValueError(f"{self.name}: no expected status for {sorted(missing)}")
