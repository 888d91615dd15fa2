from django.conf import settings
from django.core.cache import cache
from django.http.request import split_domain_port
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject

from . import content_cache

# The signed-in person's profile language, kept in their session so that a request reads
# neither the user nor the database to choose it (the session is cached in production).
SESSION_LANGUAGE_KEY = "_academy_language"


class LanguageMiddleware:
    """Pick the language: the visitor's explicit choice, else their profile, else Japanese.

    Browsers' Accept-Language is ignored on purpose: this is a Japanese school whose site
    should open in Japanese; anyone can switch with one button and the choice sticks.

    The profile is read once per session (then remembered in it): a visitor without a
    session cookie, or with the language cookie, costs nothing; a view that needs neither the
    user nor the database touches neither.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = dict(settings.LANGUAGES)

    def choose(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen in self.available:
            return chosen
        session = getattr(request, "session", None)
        if session is None or settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return settings.LANGUAGE_CODE  # no session: anonymous, no profile to read
        remembered = session.get(SESSION_LANGUAGE_KEY)
        if remembered in self.available:
            return remembered
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            language = user.preferred_language
            if language not in self.available:
                language = settings.LANGUAGE_CODE
            session[SESSION_LANGUAGE_KEY] = language
            return language
        return settings.LANGUAGE_CODE

    def __call__(self, request):
        language = self.choose(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


def remember_language_at_login(sender, request, user, **kwargs):
    """Put the profile language in the session as the person logs in (the login writes the
    session anyway), so that no later request reads the user or writes the session for it."""
    session = getattr(request, "session", None)
    if session is None:
        return
    language = getattr(user, "preferred_language", None)
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    session[SESSION_LANGUAGE_KEY] = language


# --- One round trip to the shared cache per request ----------------------------------------
class SharedCacheMiddleware:
    """Right after SessionMiddleware: a request with a session cookie reads its session's cache
    entry (production's academy.sessions) and the content version (academy.content_cache) in
    one get_many, instead of one round trip each. A request without a session cookie reads the
    version only if something asks for it. Nothing is written here, and what the session holds
    is loaded exactly as before: a miss is left to the session engine (database, then cache).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.same_cache = settings.SESSION_CACHE_ALIAS == "default"

    def __call__(self, request):
        session = getattr(request, "session", None)
        if settings.SESSION_COOKIE_NAME in request.COOKIES and self.same_cache:
            session_key = getattr(session, "prefetch_key", lambda: None)()
            keys = [content_cache.VERSION_KEY] + ([session_key] if session_key else [])
            found = cache.get_many(keys)
            request._content_version = content_cache.version_from_cache(
                found.get(content_cache.VERSION_KEY)
            )
            if session_key:
                session.prefetched(found.get(session_key))
        return self.get_response(request)


# --- The Wagtail site of a request, from the content cache -----------------------------------
def cached_site(request):
    """Wagtail's Site for the request's host, with its root page already specific.

    Wagtail looks the site up (one query) and then the root page's specific row (another) on
    every request it serves. The pair is the same for every visitor, so it is cached under the
    content version: any save, publish, unpublish, move or delete of a page and any change to
    a Site starts a new version (academy.content_cache), so the home page is never stale.
    """
    from wagtail.models import Site

    hostname = split_domain_port(request._get_raw_host())[0]

    def build():
        site = Site._find_for_request(request)
        if site is not None:
            site.root_page = site.root_page.specific
        return site or False

    return content_cache.cached(f"site:{hostname}:{request.get_port()}", build, request) or None


def cached_site_root_paths(request):
    """Wagtail's Site.get_site_root_paths() (a page's URL is built from it), under the content
    version rather than Wagtail's own cache entry: no round trip of its own."""
    from wagtail.models import Site
    from wagtail.models.sites import SiteRootPath

    rows = content_cache.cached(
        "site-root-paths", lambda: [tuple(p) for p in Site.get_site_root_paths()], request
    )
    return [SiteRootPath(*row) for row in rows]


class SiteMiddleware:
    """Sets Wagtail's per-request site (request._wagtail_site) and site root paths from the
    content cache for GET and HEAD requests outside the admin, both read only if used; other
    requests let Wagtail look them up as usual."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and not request.path_info.startswith("/admin/"):
            request._wagtail_site = SimpleLazyObject(lambda: cached_site(request))
            request._wagtail_cached_site_root_paths = SimpleLazyObject(
                lambda: cached_site_root_paths(request)
            )
        return self.get_response(request)
