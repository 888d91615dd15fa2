"""Response policies: Content-Security-Policy (strict on the site, relaxed only inside the
Wagtail admin) and no caching of anything shown to a signed-in person.

The site's pages allow no inline script or style (nonce only). Wagtail's admin still ships
inline scripts (date pickers, inline panels) and style attributes, and shows page previews
in a same-origin frame, so /admin/ gets its own policy; it is reached only by staff.
"""

from django.conf import settings
from django.utils.csp import CSP
from django.utils.functional import empty

ADMIN_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "frame-src": [CSP.SELF, "https://www.youtube.com", "https://player.vimeo.com"],
    "frame-ancestors": [CSP.SELF],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}


class AdminPolicyMiddleware:
    """Placed after Django's CSP middleware, so its choice is seen on the way out."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/admin/"

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(self.admin_prefix) and not hasattr(response, "_csp_config"):
            response._csp_config = getattr(settings, "ADMIN_CSP", ADMIN_CSP)
        return response


class PrivateResponseMiddleware:
    """Cache-Control: private, no-store on every response to a signed-in person, and on the
    account pages (sign-in, password reset) for everyone.

    A dashboard, an assignment, a submission or a download shows one person's work or data: no
    shared cache and no browser history on a shared computer may keep it. A view that already
    chose no-store (lesson pages, exports) keeps its header; anything weaker is replaced.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.account_prefix = "/accounts/"

    def __call__(self, request):
        response = self.get_response(request)
        if self._personal(request) or request.path.startswith(self.account_prefix):
            current = response.get("Cache-Control", "")
            if "no-store" not in current or "private" not in current:
                response["Cache-Control"] = "private, no-store"
        return response

    @staticmethod
    def _personal(request):
        """Whether the response may hold a person's data, without loading the user for it: a
        request with a session cookie counts (a view that needs no user stays query-free),
        and so does a user the view already loaded (e.g. signed in during this request)."""
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return True
        user = getattr(request, "user", None)
        if user is None:
            return False
        loaded = getattr(user, "_wrapped", user)  # django.contrib.auth's lazy user
        return loaded is not empty and getattr(loaded, "is_authenticated", False)
