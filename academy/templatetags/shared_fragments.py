"""`{% sharedfragment "name" value ... %}…{% endsharedfragment %}`: a part of a page that is
the same for every visitor (a course's description), rendered once per content version and
language and then kept in this process and the shared cache (academy.content_cache).

Only for content of pages: never anything of the person (no user, progress, CSRF token or
nonce inside). Any page change starts a new content version, so the part is never stale;
an entry lives at most FRAGMENT_SECONDS, below S3_URL_EXPIRY's default, so that an image
link signed when the part was rendered is still valid when it is served. A preview (a
draft's content) and a request without `request` in the context are rendered every time.

Unlike Wagtail's {% wagtailpagecache %}, the key has the active language (a translated
heading inside is right in both languages), and a change to a linked page is seen at once.
"""

from django import template
from django.utils import translation

from academy import content_cache

register = template.Library()

FRAGMENT_SECONDS = 240


class SharedFragmentNode(template.Node):
    def __init__(self, name, values, nodelist):
        self.name = name
        self.values = values
        self.nodelist = nodelist

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        parts = [self.name.resolve(context), *(value.resolve(context) for value in self.values)]
        key = "fragment:{}:{}".format(
            translation.get_language(), ":".join(str(part) for part in parts)
        )
        # The rendered SafeString itself is kept (pickling keeps its type): nothing here marks
        # text safe that the template did not render and escape.
        return content_cache.cached(
            key, lambda: self.nodelist.render(context), request, seconds=FRAGMENT_SECONDS
        )


@register.tag("sharedfragment")
def sharedfragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a name")
    nodelist = parser.parse(("endsharedfragment",))
    parser.delete_first_token()
    return SharedFragmentNode(
        parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]], nodelist
    )
