"""Serving pages in few queries: routing by URL path and the view-restriction check.

Wagtail routes a URL one level at a time (two queries per level: the child, then its specific
row) and checks view restrictions in two queries (the ancestors, then their restrictions).
Our pages sit five levels deep, so a lesson cost eleven queries before its own work began.

- `route_by_url_path`: the page whose `url_path` is the requested one, in one query (its
  specific row), using a hint (url_path -> content type and id), kept in this process and in
  the shared cache, that the query itself verifies, so a moved, renamed or unpublished page is
  never served from a stale hint (a stale hint costs one more query and is replaced). A miss
  returns None and the caller falls back to Wagtail's own routing (404s, custom routes).
  No page type of this site overrides `route` (tests/courses/test_page_queries.py checks it),
  so the page found is the one Wagtail's walk would find.
- `FewQueryRestrictions.get_view_restrictions`: the restrictions on the page and its ancestors
  (an alias counts as its source page) in one query, computed from the materialised path.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Q
from wagtail.models import Page, PageViewRestriction

ROUTE_HINT_TIMEOUT = 60 * 60
LOCAL_HINTS_MAX = 2048
_local_hints = {}  # url_path -> (content type id, page id), this process only


def _hint_key(url_path):
    return f"courses:route:{url_path}"


def _hint(url_path):
    hint = _local_hints.get(url_path)
    if hint is None:
        hint = cache.get(_hint_key(url_path))
        if hint is not None:
            _keep_hint(url_path, hint)
    return hint


def _keep_hint(url_path, hint):
    if len(_local_hints) >= LOCAL_HINTS_MAX:
        _local_hints.clear()  # a bound, not a policy: hints are rebuilt in one query
    _local_hints[url_path] = tuple(hint)


def forget_local_hints():
    """Empty this process's hints (tests)."""
    _local_hints.clear()


def route_by_url_path(root, path_components):
    """The live or draft page at root's url_path + components (specific), or None."""
    url_path = root.url_path + "".join(f"{component}/" for component in path_components)
    if len(url_path) > 1000:
        return None
    hint = _hint(url_path)
    if hint is not None:
        content_type_id, page_id = hint
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None:
            # Still at this url_path and below root (it is longer than root's, so not root);
            # one row by primary key, so no ORDER BY.
            found = model.objects.filter(
                pk=page_id, url_path=url_path, path__startswith=root.path
            ).order_by()[:1]
            for page in found:
                return page
    below_root = Q(path__startswith=root.path) & ~Q(pk=root.pk)
    row = (
        Page.objects.filter(below_root, url_path=url_path)
        .values_list("content_type_id", "pk")
        .first()
    )
    if row is None:
        return None
    model = ContentType.objects.get_for_id(row[0]).model_class()
    if model is None:
        return None
    page = model.objects.filter(pk=row[1]).first()
    if page is not None:
        cache.set(_hint_key(url_path), row, ROUTE_HINT_TIMEOUT)
        _keep_hint(url_path, row)
    return page


class FastRoutingMixin:
    """For the site's root page: find the requested descendant in one query."""

    def route(self, request, path_components):
        if path_components:
            page = route_by_url_path(self, path_components)
            if page is not None:
                return page.route(request, [])
        return super().route(request, path_components)


class FewQueryRestrictions:
    """Page view restrictions of this page and its ancestors, in one query."""

    def get_view_restrictions(self):
        steplen = self.steplen
        paths = [self.path[:end] for end in range(steplen, len(self.path) + 1, steplen)]
        return PageViewRestriction.objects.filter(
            Q(page__path__in=paths) | Q(page__aliases__path__in=paths)
        ).distinct()
