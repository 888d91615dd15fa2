"""Access rows for calendar feeds: the feed page, making and revoking, the feed by token."""

from cohorts.calendar.services.tokens import new_feed

from . import PUBLIC, SIGNED_IN, Row, expect


def build(world):
    world.objects["feed_token"] = new_feed(world.users["trainee"])


SIGNED_IN_POST = expect(302)  # signed in: done, back to the page; anonymous: to the login
SIGNED_IN_405 = expect(405, anonymous=302)

ROWS = [
    Row("calendar:feed_settings", SIGNED_IN),
    Row("calendar:feed_new", SIGNED_IN_405, label="GET is refused"),
    Row("calendar:feed_new", SIGNED_IN_POST, method="post", label="make"),
    Row("calendar:feed_revoke", SIGNED_IN_405, label="GET is refused"),
    Row("calendar:feed_revoke", SIGNED_IN_POST, method="post", label="revoke"),
    # The token is the credential: it answers whoever holds it, and only for its owner.
    Row("calendar:feed", PUBLIC, kwargs=lambda w: {"token": w.feed_token}, label="own token"),
    Row(
        "calendar:feed",
        expect(404),
        kwargs=lambda w: {"token": "not-a-token"},
        label="unknown or revoked token",
    ),
]
