"""The access matrix: every URL name of the project × every role → the expected status.

How it works
------------
`test_every_url_has_a_row` walks Django's URL resolver. Every named URL must have at least
one row, except the third-party internals listed in EXCLUDED (with the reason). A new URL
without a row fails; so does a row whose name no longer exists.

`test_access` then requests every row as every role (ROLES in tests/world.py: anonymous,
trainee, other_trainee, trainee_other_cohort, mentor, other_mentor, staff) against a fresh
`world` (tests/world.py: cohort with mentor↔trainee and other_mentor↔other_trainee paired,
another cohort on another course with trainee_other_cohort, a staff member, two courses
with a lesson each) and compares the status code.

Adding rows
-----------
Each area owns one module, tests/access_rows/<area>.py (never edit another area's file):

    from . import PUBLIC, SIGNED_IN, STAFF_ADMIN, Row, expect

    def build(world):                       # optional: add the objects your rows need
        world.objects["submission"] = SubmissionFactory(membership=world.memberships["trainee"])

    ROWS = [
        Row(
            "coursework:submission_detail",  # URL name, with namespace if any ("courses:x")
            expect(404, trainee=200, mentor=200, staff=200, anonymous=302),
            kwargs=lambda w: {"pk": w.submission.pk},   # reverse() kwargs, from the world
            method="get",                   # get (default), post, put, ...
            data=lambda w: {...},           # optional request body / query
            label="own submission",         # optional: tells several rows of one name apart
        ),
    ]

`expect(default, **per_role)` fills every role (a missing role is an error); `path=lambda w:
...` replaces reverse() (Wagtail pages under `wagtail_serve`). `w.<key>` reads
`world.objects[key]`; `w.memberships[role]`, `w.users[role]`, `w.cohort`, `w.other_cohort`.
The world (with every area's `build`) is built once per module and each (row, role) runs in
a savepoint rolled back after it, so a POST that changes data cannot leak into the next case;
`build` must therefore not depend on the row or role.
"""

import importlib
import inspect
import pkgutil

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests import access_rows
from tests.conftest import client_for
from tests.world import ROLES, build_world

OUR_APPS = ("academy", "courses", "cohorts")

# Route prefixes whose views are third-party internals with their own, separately tested rules.
# A view of our own apps under these prefixes (e.g. our admin views) still needs a row.
EXCLUDED = {
    "admin/": "Wagtail admin's own views: Wagtail enforces its admin permissions",
    "accounts/": "django-allauth's sign-in, sign-out and password views (tests/test_auth.py)",
    "documents/": "Wagtail documents: collection privacy, no cohort data behind them",
    "_util/": "Wagtail's page-privacy password and login helpers",
}


def _innermost_view(callback):
    """The view a decorator chain wraps: follows `__wrapped__` and, for decorators that do not
    use functools.wraps (Wagtail's require_admin_access), the function held in the closure, so
    our own view keeps its module under any decorator."""
    seen = set()
    while id(callback) not in seen:
        seen.add(id(callback))
        view_class = getattr(callback, "view_class", None)
        if view_class is not None:
            return view_class
        if getattr(callback, "__wrapped__", None) is not None:
            callback = callback.__wrapped__
            continue
        cells = getattr(callback, "__closure__", None) or ()
        inner = [c.cell_contents for c in cells if inspect.isfunction(c.cell_contents)]
        if not inner:
            break
        callback = inner[0]
    return callback


def _view_module(pattern):
    return _innermost_view(pattern.callback).__module__


def walk(patterns=None, prefix="", namespace=None):
    """(route, name, view module) of every URL pattern."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            space = namespace
            if pattern.namespace:
                space = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), space)
        elif isinstance(pattern, URLPattern):
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            yield prefix + str(pattern.pattern), name, _view_module(pattern)


def needs_row(route, module):
    ours = module.split(".")[0] in OUR_APPS
    excluded = any(route.startswith(prefix) for prefix in EXCLUDED)
    return ours or not excluded


def load_areas():
    areas = []
    for info in sorted(pkgutil.iter_modules(access_rows.__path__), key=lambda i: i.name):
        areas.append(importlib.import_module(f"{access_rows.__name__}.{info.name}"))
    return areas


AREAS = load_areas()
CASES = [
    pytest.param(
        row,
        role,
        id=f"{area.__name__.rsplit('.', 1)[1]}:{row.name}:{row.label or row.method}:{role}",
    )
    for area in AREAS
    for row in area.ROWS
    for role in ROLES
]


def test_every_url_has_a_row():
    urls = [(route, name, module) for route, name, module in walk() if needs_row(route, module)]
    unnamed = [route for route, name, _module in urls if not name]
    assert not unnamed, f"give these URLs a name so the access matrix can cover them: {unnamed}"
    needed = {name for _route, name, _module in urls}
    covered = {row.name for area in AREAS for row in area.ROWS}
    missing = sorted(needed - covered)
    assert not missing, f"add access rows (tests/access_rows/<area>.py) for: {missing}"
    stale = sorted(covered - {name for _route, name, _module in walk() if name})
    assert not stale, f"rows for URL names that no longer exist: {stale}"


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    """The world and every area's objects, built once per module (per xdist worker) inside an
    outer transaction; each case runs in its own savepoint, rolled back after it, so a POST
    that changes data cannot leak into the next case. Everything is rolled back at the end."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            world = build_world()
            for area in AREAS:
                if hasattr(area, "build"):
                    area.build(world)
            yield world
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.mark.parametrize(("row", "role"), CASES)
def test_access(shared_world, db, row, role):
    world = shared_world
    client = client_for(world.users[role])
    url = (
        row.path(world)
        if row.path
        else reverse(row.name, kwargs=row.kwargs(world) if row.kwargs else None)
    )
    data = row.data(world) if row.data else None
    response = getattr(client, row.method)(url, data, **row.extra)
    expected = row.expect[role]
    assert response.status_code == expected, (
        f"{row.method.upper()} {url} as {role}: {response.status_code}, expected {expected}"
    )


def test_which_urls_need_a_row():
    """Our views need rows wherever they are mounted; third-party internals are excluded."""
    assert needs_row("admin/cohorts/roster/", "cohorts.views.admin_roster")
    assert needs_row("dashboard/", "cohorts.views.dashboard")
    assert needs_row("sitemap.xml", "wagtail.contrib.sitemaps.views")
    assert needs_row("^((?:[\\w\\-]+/)*)$", "wagtail.views")  # wagtail_serve: pages
    assert not needs_row("admin/pages/", "wagtail.admin.views.pages.listing")
    assert not needs_row("accounts/login/", "allauth.account.views")
    names = {name for _route, name, _module in walk()}
    assert {"cohorts:dashboard", "cohorts:invitation_accept", "wagtail_serve"} <= names


def test_our_view_under_a_decorator_without_wraps_still_needs_a_row():
    """Wagtail's require_admin_access does not copy __module__: the walker looks inside."""
    from wagtail.admin.auth import require_admin_access

    from cohorts.coursework.views.admin_rubrics import rubric_copy

    wrapped = require_admin_access(rubric_copy)
    assert wrapped.__module__ == "wagtail.admin.auth"  # what a naive walker would see
    pattern = URLPattern("x/", wrapped, name="x")
    assert _view_module(pattern) == "cohorts.coursework.views.admin_rubrics"
    routes = {name: (route, module) for route, name, module in walk()}
    assert needs_row(*routes["coursework_admin:rubric_copy"])
