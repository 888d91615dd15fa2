import hashlib
import time

from django.conf import settings
from django.http.request import split_domain_port
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject

from . import content_cache

# The signed-in person's profile language, kept in their session so that a request reads
# neither the user nor the database to choose it (the session is cached in production).
SESSION_LANGUAGE_KEY = "_academy_language"

# --- The language a session remembers, also noted in this process ---------------------------
# Reading it from the session costs a round trip to Redis on a request that may need nothing
# else (a bare view). So each worker notes, for a short while, the display language it last
# read from (or wrote to) a session: only the language code, never the user, progress or an
# access decision, under a hash of the session key (no session key is kept). The language
# cookie, which every switch sets, still wins over it; a switch made in another worker is
# seen here within LANGUAGE_NOTE_SECONDS even by a browser that dropped that cookie.
LANGUAGE_NOTE_SECONDS = 60
LANGUAGE_NOTES_MAX = 10000
_language_notes = {}  # sha256(session key) -> (language, noted at)


def _note_key(session_key):
    return hashlib.sha256(session_key.encode()).hexdigest()


def noted_language(session_key):
    note = _language_notes.get(_note_key(session_key))
    if note is not None and time.monotonic() - note[1] < LANGUAGE_NOTE_SECONDS:
        return note[0]
    return None


def note_language(session_key, language):
    if not session_key:
        return
    if len(_language_notes) >= LANGUAGE_NOTES_MAX:
        _language_notes.clear()  # a bound, not a policy: a note is one session read away
    _language_notes[_note_key(session_key)] = (language, time.monotonic())


def forget_language_notes():
    """Empty this process's notes (tests)."""
    _language_notes.clear()


class LanguageMiddleware:
    """Pick the language: the visitor's explicit choice, else their profile, else Japanese.

    Browsers' Accept-Language is ignored on purpose: this is a Japanese school whose site
    should open in Japanese; anyone can switch with one button and the choice sticks.

    The profile is read once per session (then remembered in it, and noted in the worker for
    a short while): a visitor without a session cookie, or with the language cookie, costs
    nothing; a view that needs neither the user nor the database touches neither, and mostly
    not even the session.
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
        session_key = request.COOKIES[settings.SESSION_COOKIE_NAME]
        noted = noted_language(session_key)
        if noted in self.available:
            return noted
        remembered = session.get(SESSION_LANGUAGE_KEY)
        if remembered in self.available:
            note_language(session.session_key, remembered)
            return remembered
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            language = user.preferred_language
            if language not in self.available:
                language = settings.LANGUAGE_CODE
            session[SESSION_LANGUAGE_KEY] = language
            note_language(session.session_key, language)
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
    """Right after SessionMiddleware: whichever is needed first, the session (production's
    academy.sessions) or the content version (academy.content_cache), both are read in one
    get_many, instead of one round trip each; a request that needs neither reads neither. A
    request without a session cookie reads the version alone, if anything asks for it.
    Nothing is written here, and what the session holds is loaded exactly as before: a miss
    is left to the session engine (database, then cache).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.same_cache = settings.SESSION_CACHE_ALIAS == "default"

    def __call__(self, request):
        session = getattr(request, "session", None)
        if self.same_cache and hasattr(session, "read_along") and session.session_key:

            def version_read(value):
                request._content_version = content_cache.version_from_cache(value)

            session.read_along(content_cache.VERSION_KEY, version_read)
            request._content_version_with = session
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
