"""Handing work in: drafts, submitting, idempotency, immutability, atomic files, the rules,
forged fields, notifications, downloads."""

import hashlib
from pathlib import Path

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import translation

from academy.datetimes import format_datetime
from cohorts.coursework.models import ImmutableSubmissionError, Submission, SubmissionFile
from cohorts.coursework.services.submissions import SubmissionRefused, save_draft, submit
from cohorts.uploads.handlers import FIELDS_ALLOWANCE
from cohorts.uploads.storage import private_storage
from cohorts.uploads.validation import validate_uploads
from tests.factories import AssignmentFactory, jst, submitted_attempt
from tests.upload_corpus import exe_bytes, office_bytes, pdf_bytes, png_bytes


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def assignment(world):
    return AssignmentFactory(cohort=world.cohort)


@pytest.fixture
def membership(world):
    return world.memberships["trainee"]


def stored_files(root):
    return sorted(p for p in Path(root).rglob("*") if p.is_file())


def checked(*files):
    return validate_uploads([SimpleUploadedFile(name, data) for name, data in files])


def post_submit(client, assignment, **data):
    return client.post(reverse("coursework:submission_create", args=[assignment.pk]), data)


# The service ------------------------------------------------------------------------------


def test_submit_stores_row_and_files_with_checksums(assignment, membership, private_root):
    files = checked(("計画書.pdf", pdf_bytes()), ("図.png", png_bytes()))
    submission, created = submit(assignment, membership, text="<p>回答</p>", files=files, key="k1")
    assert created and submission.attempt == 1 and submission.status == "submitted"
    assert not submission.is_late
    records = list(submission.files.order_by("pk"))
    assert [r.original_name for r in records] == ["計画書.pdf", "図.png"]
    assert [r.content_type for r in records] == ["application/pdf", "image/png"]
    for record, data in zip(records, (pdf_bytes(), png_bytes()), strict=True):
        path = Path(private_storage().path(record.file.name))
        assert path.read_bytes() == data
        assert record.sha256 == hashlib.sha256(data).hexdigest()
        assert "計画" not in record.file.name and path.is_relative_to(private_root)


def test_same_key_twice_makes_one_attempt(assignment, membership, private_root):
    first, created = submit(
        assignment, membership, text="a", files=checked(("a.pdf", pdf_bytes())), key="same"
    )
    again, created_again = submit(
        assignment, membership, text="b", files=checked(("b.pdf", pdf_bytes())), key="same"
    )
    assert created and not created_again and again.pk == first.pk
    assert Submission.objects.count() == 1 and SubmissionFile.objects.count() == 1
    assert len(stored_files(private_root)) == 1


def test_unique_constraint_backs_the_attempt_number(assignment, membership):
    from django.db import IntegrityError, transaction

    submitted_attempt(assignment, membership)
    with pytest.raises(IntegrityError), transaction.atomic():
        Submission.objects.create(assignment=assignment, membership=membership, attempt=1)


def test_double_click_through_the_view_creates_one_attempt(trainee, assignment):
    data = {"text": "回答", "key": "abc123", "action": "submit"}
    first = post_submit(trainee, assignment, **data)
    second = post_submit(trainee, assignment, **data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Submission.objects.filter(assignment=assignment).count() == 1


def test_draft_then_submit_is_one_attempt(assignment, membership):
    draft = save_draft(assignment, membership, text="下書き", files=checked(("a.pdf", pdf_bytes())))
    again = save_draft(
        assignment, membership, text="下書き2", files=checked(("b.pdf", pdf_bytes()))
    )
    assert again.pk == draft.pk and again.text == "<p>下書き2</p>" and again.files.count() == 2
    submission, _ = submit(assignment, membership, text="最終", key="k")
    assert submission.pk == draft.pk and submission.status == "submitted"
    assert submission.files.count() == 2 and submission.text == "<p>最終</p>"


def test_submitted_attempt_is_immutable(assignment, membership):
    submission = submitted_attempt(assignment, membership, files=[("a.pdf", pdf_bytes())])
    submission = Submission.objects.get(pk=submission.pk)
    submission.text = "changed"
    with pytest.raises(ImmutableSubmissionError):
        submission.save()
    with pytest.raises(ImmutableSubmissionError):
        submission.save(update_fields=["text"])
    with pytest.raises(ImmutableSubmissionError):
        Submission.objects.filter(pk=submission.pk).update(is_late=True)
    with pytest.raises(ImmutableSubmissionError):
        submission.delete()
    record = submission.files.get()
    with pytest.raises(ImmutableSubmissionError):
        record.delete()
    with pytest.raises(ImmutableSubmissionError):
        SubmissionFile.objects.filter(pk=record.pk).delete()
    # a reviewer may still move the status on
    submission.status = Submission.Status.RETURNED
    submission.save(update_fields=["status", "updated_at"])
    assert Submission.objects.get(pk=submission.pk).text == "<p>回答です</p>"


def test_resubmission_leaves_earlier_attempts_byte_identical(assignment, membership):
    first = submitted_attempt(assignment, membership, files=[("v1.pdf", pdf_bytes("v1"))], key="1")
    before_row = Submission.objects.filter(pk=first.pk).values().get()
    record = first.files.get()
    before_hash = hashlib.sha256(Path(private_storage().path(record.file.name)).read_bytes())
    second = submitted_attempt(
        assignment, membership, text="<p>改訂版</p>", files=[("v1.pdf", pdf_bytes("v2"))], key="2"
    )
    assert second.attempt == 2 and second.pk != first.pk
    assert Submission.objects.filter(pk=first.pk).values().get() == before_row
    after = hashlib.sha256(Path(private_storage().path(record.file.name)).read_bytes())
    assert after.hexdigest() == before_hash.hexdigest() == record.sha256
    assert first.files.get().file.name == record.file.name


def test_a_storage_failure_midway_leaves_neither_row_nor_file(
    assignment, membership, private_root, monkeypatch
):
    from cohorts.uploads.storage import PrivateStorage

    real_save = PrivateStorage._save
    calls = []

    def disk_full_on_second(self, name, content):
        calls.append(name)
        if len(calls) == 2:
            raise OSError("No space left on device")
        return real_save(self, name, content)

    monkeypatch.setattr(PrivateStorage, "_save", disk_full_on_second)
    files = checked(("a.pdf", pdf_bytes()), ("b.pdf", pdf_bytes()))
    with pytest.raises(OSError):
        submit(assignment, membership, text="x", files=files, key="k")
    assert len(calls) == 2
    assert Submission.objects.count() == 0 and SubmissionFile.objects.count() == 0
    assert stored_files(private_root) == []


def test_a_database_failure_after_files_are_stored_removes_them(
    assignment, membership, private_root
):
    from django.db import DatabaseError

    def fail_on_second_file_row(execute, sql, params, many, context):
        if sql.startswith('INSERT INTO "coursework_submissionfile"'):
            fail_on_second_file_row.count += 1
            if fail_on_second_file_row.count == 2:
                raise DatabaseError("forced failure")
        return execute(sql, params, many, context)

    fail_on_second_file_row.count = 0
    files = checked(("a.pdf", pdf_bytes()), ("b.pdf", pdf_bytes()))
    with connection.execute_wrapper(fail_on_second_file_row), pytest.raises(DatabaseError):
        submit(assignment, membership, text="x", files=files, key="k")
    assert fail_on_second_file_row.count == 2
    assert Submission.objects.count() == 0 and SubmissionFile.objects.count() == 0
    assert stored_files(private_root) == []


# The rules ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"opens_at": jst(2099, 1, 1)}, "not_open"),
        (
            {
                "due_at": jst(2026, 5, 1, 23, 59),
                "late_policy": "cutoff",
                "cutoff_at": jst(2026, 5, 8, 23, 59),
            },
            "closed",
        ),
        ({"due_at": jst(2026, 5, 1, 23, 59), "late_policy": "refuse"}, "closed"),
    ],
)
def test_time_rules(world, membership, changes, code):
    assignment = AssignmentFactory(cohort=world.cohort, **changes)
    with pytest.raises(SubmissionRefused) as refused:
        submit(assignment, membership, text="x", key="k")
    assert refused.value.code == code
    assert Submission.objects.count() == 0


def test_attempt_limit(world, membership):
    assignment = AssignmentFactory(cohort=world.cohort, max_attempts=2)
    submitted_attempt(assignment, membership, key="1")
    submitted_attempt(assignment, membership, key="2")
    with pytest.raises(SubmissionRefused) as refused:
        submit(assignment, membership, text="x", key="3")
    assert refused.value.code == "no_attempts_left"
    assert Submission.objects.count() == 2


@pytest.mark.parametrize(
    ("parts", "text", "files", "code"),
    [
        ("text", "", [], "text_required"),
        ("files", "答え", [], "files_required"),
        ("both", "答え", [], "files_required"),
        ("both", "<p> </p>", [("a.pdf", pdf_bytes())], "text_required"),
        ("either", "", [], "empty"),
    ],
)
def test_missing_required_parts(world, membership, private_root, parts, text, files, code):
    assignment = AssignmentFactory(cohort=world.cohort, parts=parts)
    with pytest.raises(SubmissionRefused) as refused:
        submit(assignment, membership, text=text, files=checked(*files), key="k")
    assert refused.value.code == code
    assert Submission.objects.count() == 0 and stored_files(private_root) == []


def test_finished_cohort_reads_but_does_not_take_work(world, trainee, assignment, membership):
    earlier = submitted_attempt(assignment, membership)
    world.cohort.status = "finished"
    world.cohort.save()
    page = trainee.get(reverse("coursework:assignment_detail", args=[assignment.pk]))
    assert page.status_code == 200 and "submission-form" not in page.content.decode()
    assert (
        trainee.get(reverse("coursework:submission_detail", args=[earlier.pk])).status_code == 200
    )
    response = post_submit(trainee, assignment, text="new", key="n", action="submit")
    assert response.status_code == 400
    assert "あなたの期は修了しました。" in response.content.decode()
    assert Submission.objects.count() == 1


def test_assignment_of_another_cohort_answers_404(trainee_other_cohort, assignment):
    response = post_submit(trainee_other_cohort, assignment, text="x", key="k", action="submit")
    assert response.status_code == 404
    assert Submission.objects.count() == 0


def test_forged_hidden_fields_are_ignored(world, trainee, assignment):
    other = world.memberships["other_trainee"]
    response = post_submit(
        trainee,
        assignment,
        text="回答",
        key="forge",
        action="submit",
        membership=other.pk,
        trainee=other.user.pk,
        attempt=7,
        submitted_at="2020-01-01T00:00",
        is_late="on",
        status="graded",
        points=100,
    )
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.membership == world.memberships["trainee"]
    assert submission.attempt == 1 and submission.status == "submitted"
    assert not submission.is_late and submission.submitted_at.year != 2020


def test_bad_file_gets_a_message_and_nothing_is_stored(trainee, assignment, private_root):
    response = trainee.post(
        reverse("coursework:submission_create", args=[assignment.pk]),
        {
            "text": "回答",
            "key": "k",
            "action": "submit",
            "files": [
                SimpleUploadedFile("ok.pdf", pdf_bytes()),
                SimpleUploadedFile("請求書.pdf", exe_bytes()),
            ],
        },
    )
    assert response.status_code == 400
    assert "請求書.pdf" in response.content.decode()
    assert Submission.objects.count() == 0 and stored_files(private_root) == []


def test_upload_through_the_view_and_download_it(trainee, mentor, assignment):
    data = office_bytes("docx")
    response = trainee.post(
        reverse("coursework:submission_create", args=[assignment.pk]),
        {"key": "k", "action": "submit", "files": [SimpleUploadedFile("計画書.docx", data)]},
    )
    assert response.status_code == 302
    record = SubmissionFile.objects.get()
    for client in (trainee, mentor):
        download = client.get(reverse("coursework:submission_file", args=[record.pk]))
        assert download.status_code == 200
        assert b"".join(download.streaming_content) == data
        assert "wordprocessingml" in download["Content-Type"]
        assert (
            "filename*=utf-8''%E8%A8%88%E7%94%BB%E6%9B%B8.docx" in download["Content-Disposition"]
        )
        assert download["X-Content-Type-Options"] == "nosniff"
        assert download["Content-Security-Policy"] == "sandbox"


def test_drafts_are_private_to_their_trainee(world, trainee, mentor, staff, assignment, membership):
    draft = save_draft(assignment, membership, text="下書き", files=checked(("a.pdf", pdf_bytes())))
    record = draft.files.get()
    assert trainee.get(reverse("coursework:submission_file", args=[record.pk])).status_code == 200
    for client in (mentor, staff):
        assert (
            client.get(reverse("coursework:submission_detail", args=[draft.pk])).status_code == 404
        )
        assert (
            client.get(reverse("coursework:submission_file", args=[record.pk])).status_code == 404
        )


def test_remove_a_draft_file(
    trainee, assignment, membership, private_root, django_capture_on_commit_callbacks
):
    draft = save_draft(assignment, membership, files=checked(("a.pdf", pdf_bytes())))
    record = draft.files.get()
    url = reverse("coursework:submission_file_remove", args=[record.pk])
    assert trainee.get(url).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        assert trainee.post(url).status_code == 302
    assert not SubmissionFile.objects.exists() and stored_files(private_root) == []


# Notifications -------------------------------------------------------------------------------


def test_receipt_to_trainee_and_note_to_each_active_mentor(
    world, assignment, membership, django_capture_on_commit_callbacks
):
    from tests.factories import MembershipFactory

    second = MembershipFactory(cohort=world.cohort, role="mentor")
    membership.mentors.add(second)
    second.user.preferred_language = "en"
    second.user.save()
    with django_capture_on_commit_callbacks(execute=True):
        attempt = submitted_attempt(assignment, membership, files=[("a.pdf", pdf_bytes())])
    by_recipient = {m.to[0]: m for m in mail.outbox}
    # each names the attempt and its time, to the minute, in the reader's language and zone
    with translation.override("ja"):
        when_ja = format_datetime(attempt.submitted_at)
    with translation.override("en"):
        when_en = format_datetime(attempt.submitted_at)
    assert f"{when_ja}（日本時間）に受け付けました" in by_recipient[membership.user.email].body
    assert f"{when_en} (Japan time)" in by_recipient[second.user.email].body
    assert "第1回" in by_recipient[membership.user.email].body
    assert set(by_recipient) == {
        membership.user.email,
        world.users["mentor"].email,
        second.user.email,
    }
    receipt = by_recipient[membership.user.email]
    assert "受付" in receipt.subject
    assert "1" in receipt.body and assignment.title in receipt.body
    assert by_recipient[second.user.email].subject.startswith("New work from")
    # the school's own mentor reads Japanese (preferred_language "ja"): same e-mail, translated
    japanese_note = by_recipient[world.users["mentor"].email]
    assert "さんから提出がありました" in japanese_note.subject
    assert assignment.title in japanese_note.subject


def test_plain_text_answer_keeps_lines_and_draft_edits_as_text(trainee, assignment):
    url = reverse("coursework:submission_create", args=[assignment.pk])
    trainee.post(url, {"text": "一行目\n二行目 1<2\n\n段落 & 記号", "action": "draft"})
    draft = Submission.objects.get()
    assert draft.text == "<p>一行目<br>二行目 1&lt;2</p>\n\n<p>段落 &amp; 記号</p>"
    page = trainee.get(
        reverse("coursework:assignment_detail", args=[assignment.pk])
    ).content.decode()
    assert "一行目\n二行目 1&lt;2\n\n段落 &amp; 記号</textarea>" in page


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_double_submit_makes_one_attempt_on_postgresql(private_root):
    """Two requests with the same key at the same instant: the unique constraints decide."""
    import threading

    if connection.vendor != "postgresql":
        pytest.skip("needs real concurrent transactions (PostgreSQL)")
    from tests.world import build_world

    world = build_world()
    assignment = AssignmentFactory(cohort=world.cohort)
    membership = world.memberships["trainee"]
    barrier = threading.Barrier(2)
    outcomes = []

    def click():
        from django.db import connection as thread_connection

        try:
            files = checked(("a.pdf", pdf_bytes()))
            barrier.wait()
            submission, created = submit(assignment, membership, text="x", files=files, key="dbl")
            outcomes.append((submission.pk, created))
        except Exception as error:  # recorded, so the assertion shows it
            outcomes.append(error)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=click) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert all(isinstance(o, tuple) for o in outcomes), outcomes
    assert len({pk for pk, _created in outcomes}) == 1
    assert sorted(created for _pk, created in outcomes) == [False, True]
    assert Submission.objects.count() == 1 and SubmissionFile.objects.count() == 1
    assert len(stored_files(private_root)) == 1


def test_sweep_finds_and_deletes_only_old_orphans(assignment, membership, private_root):
    import os
    from io import StringIO

    from django.core.files.base import ContentFile
    from django.core.management import call_command

    from cohorts.uploads.storage import random_name

    kept = submitted_attempt(assignment, membership, files=[("a.pdf", pdf_bytes())]).files.get()
    storage = private_storage()
    orphan = storage.save(random_name(), ContentFile(b"left by a killed process"))
    fresh = storage.save(random_name(), ContentFile(b"an upload in flight"))
    old = 3 * 24 * 3600
    for name in (orphan, kept.file.name):
        path = storage.path(name)
        os.utime(path, (os.path.getatime(path) - old, os.path.getmtime(path) - old))
    out = StringIO()
    call_command("sweep_private_files", stdout=out)
    assert orphan in out.getvalue() and storage.exists(orphan)
    call_command("sweep_private_files", "--delete", stdout=StringIO())
    assert not storage.exists(orphan)
    assert storage.exists(fresh) and storage.exists(kept.file.name)


def test_a_body_beyond_the_submission_limit_is_refused_unread(
    settings, trainee, assignment, private_root
):
    settings.SUBMISSION_MAX_FILE_BYTES = 1000
    settings.SUBMISSION_MAX_FILES = 1
    big = SimpleUploadedFile("big.pdf", pdf_bytes("x" * (1100 * 1024)))
    response = trainee.post(
        reverse("coursework:submission_create", args=[assignment.pk]),
        {"text": "x", "key": "k", "action": "submit", "files": [big]},
    )
    assert response.status_code == 413
    # The message states the configured limit: every allowed file at its largest, plus the
    # allowance for the text and the other fields (1000 B × 1 + 1 MiB here).
    quota = settings.SUBMISSION_MAX_FILE_BYTES * settings.SUBMISSION_MAX_FILES + FIELDS_ALLOWANCE
    with translation.override("ja"):
        limit = filesizeformat(quota)
    assert limit == "1.0\xa0MB"
    assert f"アップロードが大きすぎます（1回の提出は合計{limit}までです）。" in (
        response.content.decode()
    )
    assert Submission.objects.count() == 0 and stored_files(private_root) == []


def test_quota_handler_stops_a_body_that_lies_about_its_length(settings):
    from django.core.files.uploadhandler import StopUpload

    from cohorts.uploads.handlers import QuotaUploadHandler

    settings.SUBMISSION_MAX_FILE_BYTES = 1000
    settings.SUBMISSION_MAX_FILES = 1
    handler = QuotaUploadHandler()
    chunk = b"x" * (64 * 1024)
    with pytest.raises(StopUpload):
        for start in range(0, 40):
            handler.receive_data_chunk(chunk, start * len(chunk))
    assert handler.exceeded and handler.received > handler.quota


def test_csrf_is_still_checked_on_submit(world, assignment):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["trainee"])
    url = reverse("coursework:submission_create", args=[assignment.pk])
    refused = client.post(url, {"text": "x", "key": "k", "action": "submit"})
    assert refused.status_code == 403
    page = client.get(reverse("coursework:assignment_detail", args=[assignment.pk]))
    token = page.cookies["csrftoken"].value
    accepted = client.post(
        url, {"text": "x", "key": "k", "action": "submit", "csrfmiddlewaretoken": token}
    )
    assert accepted.status_code == 302
    assert Submission.objects.count() == 1


def test_deactivating_the_membership_removes_access_at_once(world, trainee, mentor, assignment):
    membership = world.memberships["trainee"]
    submission = submitted_attempt(assignment, membership, files=[("a.pdf", pdf_bytes())])
    record = submission.files.get()
    urls = [
        reverse("coursework:assignment_detail", args=[assignment.pk]),
        reverse("coursework:submission_detail", args=[submission.pk]),
        reverse("coursework:submission_file", args=[record.pk]),
    ]
    assert all(trainee.get(url).status_code == 200 for url in urls)
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    assert [trainee.get(url).status_code for url in urls] == [404, 404, 404]
    assert [mentor.get(url).status_code for url in urls[1:]] == [404, 404]
    response = post_submit(trainee, assignment, text="x", key="k2", action="submit")
    assert response.status_code == 404
    assert Submission.objects.count() == 1


def test_a_second_window_that_saw_the_draft_before_it_was_submitted_is_refused_politely(
    assignment, membership, private_root, monkeypatch
):
    """Two windows, one draft: the second read the attempts while the first was submitting.
    It must get the translated "conflict" message, not crash on the now-submitted row. The
    interleaving is reproduced by handing the second call the attempts read before."""
    import cohorts.coursework.services.submissions as services

    save_draft(assignment, membership, text="下書き", files=checked(("a.pdf", pdf_bytes())))
    before = services.attempts_of(assignment, membership)
    first, created = submit(assignment, membership, text="最終", key="window1")
    monkeypatch.setattr(services, "attempts_of", lambda *args: before)
    with pytest.raises(SubmissionRefused) as refused:
        submit(
            assignment,
            membership,
            text="別の窓",
            files=checked(("b.pdf", pdf_bytes())),
            key="window2",
        )
    assert refused.value.code == "conflict"
    with pytest.raises(SubmissionRefused) as refused_draft:
        save_draft(assignment, membership, text="別の窓の下書き")
    assert refused_draft.value.code == "conflict"
    first.refresh_from_db()
    assert created and first.text == "<p>最終</p>" and first.status == "submitted"
    assert Submission.objects.count() == 1 and SubmissionFile.objects.count() == 1
    assert len(stored_files(private_root)) == 1


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_double_submit_of_a_draft_makes_one_attempt_on_postgresql(private_root):
    """The same double click as above, when the trainee had saved a draft first."""
    import threading

    if connection.vendor != "postgresql":
        pytest.skip("needs real concurrent transactions (PostgreSQL)")
    from tests.world import build_world

    world = build_world()
    assignment = AssignmentFactory(cohort=world.cohort)
    membership = world.memberships["trainee"]
    save_draft(assignment, membership, text="下書き", files=checked(("a.pdf", pdf_bytes())))
    barrier = threading.Barrier(2)
    outcomes = []

    def click():
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            submission, created = submit(assignment, membership, text="x", key="dbl")
            outcomes.append((submission.pk, created))
        except Exception as error:  # recorded, so the assertion shows it
            outcomes.append(error)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=click) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert all(isinstance(o, tuple) for o in outcomes), outcomes
    assert len({pk for pk, _created in outcomes}) == 1
    assert Submission.objects.count() == 1 and SubmissionFile.objects.count() == 1
    assert Submission.objects.get().status == "submitted"


@pytest.mark.parametrize(
    ("changes", "earlier", "expected"),
    [
        ({"opens_at": jst(2099, 1, 1)}, 0, "に公開されます"),
        ({"due_at": jst(2026, 5, 1, 23, 59), "late_policy": "refuse"}, 0, "締切を過ぎた"),
        (
            {
                "due_at": jst(2026, 5, 1, 23, 59),
                "late_policy": "cutoff",
                "cutoff_at": jst(2026, 5, 8, 23, 59),
            },
            0,
            "締切を過ぎた",
        ),
        ({"max_attempts": 1}, 1, "すべて使いました"),
        ({"parts": "both"}, 0, "ファイルを1つ以上添付してください"),
    ],
)
def test_refused_submit_through_the_view_says_why_in_japanese_and_stores_nothing(
    world, trainee, membership, private_root, changes, earlier, expected
):
    assignment = AssignmentFactory(cohort=world.cohort, **changes)
    for n in range(earlier):
        submitted_attempt(assignment, membership, key=f"earlier{n}")
    before = stored_files(private_root)
    response = trainee.post(
        reverse("coursework:submission_create", args=[assignment.pk]),
        {"text": "回答", "key": "refused", "action": "submit"},
    )
    assert response.status_code == 400
    assert expected in response.content.decode()
    assert Submission.objects.count() == earlier
    assert stored_files(private_root) == before
