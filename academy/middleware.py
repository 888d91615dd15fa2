from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers

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
