"""Content-Security-Policy: strict on the site, relaxed only inside the Wagtail admin.

The site's pages allow no inline script or style (nonce only). Wagtail's admin still ships
inline scripts (date pickers, inline panels) and style attributes, and shows page previews
in a same-origin frame, so /admin/ gets its own policy; it is reached only by staff.
"""

from django.conf import settings
from django.utils.csp import CSP

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
