"""Access rows for completion and certificates: staff's completion pages, the trainee's
download, the public verification page (which shows nothing but what a code proves), and the
alumni directory (signed-in members; outsiders 404)."""

from django.utils import timezone

from . import PUBLIC, SIGNED_IN, STAFF_ADMIN, Row, expect


def build(world):
    from cohorts.certificates.models import Completion, CompletionRule

    rule = CompletionRule.objects.create(cohort=world.cohort, min_attendance=0)
    now = timezone.now()
    staff = world.users["staff"]
    own = Completion.objects.create(
        membership=world.memberships["trainee"], confirmed_by=staff, confirmed_at=now
    )
    own.certificate.save("certificate", _pdf(), save=True)
    other = Completion.objects.create(
        membership=world.memberships["trainee_other_cohort"], confirmed_by=staff, confirmed_at=now
    )
    other.certificate.save("certificate", _pdf(), save=True)
    world.objects.update(rule=rule, completion=own, other_completion=other)


def _pdf():
    from django.core.files.base import ContentFile

    return ContentFile(b"%PDF-1.4\n%%EOF\n")


STAFF_ONLY = expect(404, anonymous=302, staff=200)
STAFF_POST = expect(404, anonymous=302, staff=302)

ROWS = [
    Row("certificates:completion_index", STAFF_ONLY),
    Row("certificates:cohort_completion", STAFF_ONLY, kwargs=lambda w: {"pk": w.cohort.pk}),
    Row(
        "certificates:confirm",
        STAFF_POST,
        kwargs=lambda w: {"pk": w.cohort.pk, "membership_pk": w.memberships["other_trainee"].pk},
        method="post",
    ),
    Row(
        "certificates:confirm",
        expect(405, anonymous=302),
        kwargs=lambda w: {"pk": w.cohort.pk, "membership_pk": w.memberships["other_trainee"].pk},
        label="GET is refused",
    ),
    Row(
        "certificates:confirm",
        expect(404, anonymous=302),
        kwargs=lambda w: {
            "pk": w.cohort.pk,
            "membership_pk": w.memberships["trainee_other_cohort"].pk,
        },
        method="post",
        label="a trainee of another cohort",
    ),
    Row("certificates:undo", STAFF_ONLY, kwargs=lambda w: {"pk": w.completion.pk}, label="form"),
    Row(
        "certificates:undo",
        STAFF_POST,
        kwargs=lambda w: {"pk": w.completion.pk},
        method="post",
        data=lambda w: {"reason": "確認のため"},
        label="undo",
    ),
    # The certificate: its trainee, their mentor and staff; nobody else.
    Row(
        "certificates:download",
        expect(404, anonymous=302, trainee=200, mentor=200, staff=200),
        kwargs=lambda w: {"pk": w.completion.pk},
    ),
    Row(
        "certificates:download",
        expect(404, anonymous=302, trainee_other_cohort=200, staff=200),
        kwargs=lambda w: {"pk": w.other_completion.pk},
        label="another cohort's certificate",
    ),
    Row("certificates:verify", PUBLIC, label="form"),
    Row(
        "certificates:verify_code",
        PUBLIC,
        kwargs=lambda w: {"code": w.completion.code},
        label="valid code",
    ),
    Row("certificates:verify_code", PUBLIC, kwargs=lambda w: {"code": "unknown"}, label="unknown"),
    # Every role of the world is a member somewhere: the directory is theirs, not anonymous's.
    Row("certificates:alumni_directory", SIGNED_IN),
    # One's own alumni membership only, and only once the cohort has finished.
    Row(
        "certificates:alumni_entry",
        expect(404, anonymous=302),
        kwargs=lambda w: {"pk": w.memberships["trainee"].pk},
        label="a running cohort",
    ),
    Row(
        "certificates:alumni_entry",
        expect(404, anonymous=302),
        kwargs=lambda w: {"pk": w.memberships["trainee"].pk},
        method="post",
        data=lambda w: {"company": "x"},
        label="a running cohort (post)",
    ),
    Row("certificates_rule:index", STAFF_ADMIN),
    Row("certificates_rule:index_results", STAFF_ADMIN),
    Row("certificates_rule:add", STAFF_ADMIN),
    Row("certificates_rule:edit", STAFF_ADMIN, kwargs=lambda w: {"pk": w.rule.pk}),
    Row(
        "certificates_rule:delete",
        STAFF_ADMIN,
        kwargs=lambda w: {"pk": w.rule.pk},
        label="confirmation page",
    ),
]
