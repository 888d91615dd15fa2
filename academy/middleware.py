from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LanguageMiddleware:
    """Pick the language: the visitor's explicit choice, else their profile, else Japanese.

    Browsers' Accept-Language is ignored on purpose: this is a Japanese school whose site
    should open in Japanese; anyone can switch with one button and the choice sticks.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = dict(settings.LANGUAGES)

    def choose(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen in self.available:
            return chosen
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.preferred_language in self.available:
            return user.preferred_language
        return settings.LANGUAGE_CODE

    def __call__(self, request):
        language = self.choose(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response
