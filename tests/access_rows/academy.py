"""Access rows for the site-wide views of the foundation (academy/urls.py)."""

from . import PUBLIC, Row, expect

ROWS = [
    Row("set_language", expect(405), label="GET is refused"),
    Row("set_language", expect(302), method="post", data=lambda w: {"language": "en"}),
    Row("robots_txt", PUBLIC),
    Row("sitemap", PUBLIC),
]
