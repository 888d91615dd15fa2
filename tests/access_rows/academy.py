"""Access rows for the site-wide views of the foundation (academy/urls.py, academy/wagtail_hooks.py)."""

from academy.audit import record_change

from . import PUBLIC, STAFF_ADMIN, Row, expect


def build(world):
    world.objects["audit_entry"] = record_change(
        actor=world.users["staff"],
        obj=world.users["trainee"],
        action="access matrix",
        before={"display_name": "a"},
        after={"display_name": "b"},
    )


ROWS = [
    Row("set_language", expect(405), label="GET is refused"),
    Row("set_language", expect(302), method="post", data=lambda w: {"language": "en"}),
    Row("robots_txt", PUBLIC),
    # The health check answers everyone the same "ok" (it reveals nothing); only GET and HEAD.
    Row("healthz", PUBLIC),
    Row("healthz", expect(405), method="post", label="POST is refused"),
    # The admin's sign-in door: signed out → allauth's sign-in page, staff → the admin, anyone
    # else signed in → a "not for you" page (no loop through the sign-in page).
    Row("wagtailadmin_login", expect(403, anonymous=302, staff=302)),
    Row("sitemap", PUBLIC),
    # The audit trail in the Wagtail admin: staff read it, nobody can change it.
    Row("academy_audit:index", STAFF_ADMIN),
    Row("academy_audit:index_results", STAFF_ADMIN),
    Row("academy_audit:inspect", STAFF_ADMIN, kwargs=lambda w: {"pk": w.audit_entry.pk}),
    Row(
        "academy_audit:inspect",
        expect(302, staff=405),
        kwargs=lambda w: {"pk": w.audit_entry.pk},
        method="post",
        data=lambda w: {"action": "tampered"},
        label="POST is refused",
    ),
    # The admin's user list (academy/user_admin.py, in あいうえお order): staff only.
    Row("wagtailusers_users:index", STAFF_ADMIN),
    Row("wagtailusers_users:index_results", STAFF_ADMIN),
]
