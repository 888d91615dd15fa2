from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http.request import split_domain_port
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject

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


# --- The Wagtail site of a request, from the cache ---------------------------------------------
SITE_VERSION_KEY = "academy:site-version"
SITE_TIMEOUT = 5 * 60


def forget_sites(**kwargs):
    """Sites and their root pages change: a new cache version now and after the commit."""

    def bump():
        try:
            cache.incr(SITE_VERSION_KEY)
        except ValueError:
            cache.set(SITE_VERSION_KEY, 2, None)

    bump()
    transaction.on_commit(bump)


def forget_sites_for(sender, instance, **kwargs):
    """post_save / post_delete: only a Page or a Site matters."""
    from wagtail.models import Page, Site

    if isinstance(instance, (Page, Site)):
        forget_sites()


def cached_site(request):
    """Wagtail's Site for the request's host, with its root page already specific.

    Wagtail looks the site up (one query) and then the root page's specific row (another) on
    every request it serves. The pair is the same for every visitor, so it is cached; any
    save, publish, unpublish, move or delete of a page and any change to a Site starts a new
    version (academy/apps.py connects forget_sites), so the home page is never served stale.
    """
    from wagtail.models import Site

    version = cache.get(SITE_VERSION_KEY)
    if version is None:
        version = 1
        cache.add(SITE_VERSION_KEY, version, None)
    hostname = split_domain_port(request._get_raw_host())[0]
    key = f"academy:site:{version}:{hostname}:{request.get_port()}"
    site = cache.get(key)
    if site is None:
        site = Site._find_for_request(request)
        if site is not None:
            site.root_page = site.root_page.specific
        cache.set(key, site or False, SITE_TIMEOUT)
    return site or None


class SiteMiddleware:
    """Sets Wagtail's per-request site (request._wagtail_site) from the cache for GET and
    HEAD requests outside the admin; other requests let Wagtail look it up as usual."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and not request.path_info.startswith("/admin/"):
            request._wagtail_site = SimpleLazyObject(lambda: cached_site(request))
        return self.get_response(request)
