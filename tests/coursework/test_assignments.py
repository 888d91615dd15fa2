"""Assignments: lateness at the 23:59 JST edge (time-machine), extensions, late policies,
rubrics (lock and copy), the brief's sanitizing, the pages and the Wagtail admin."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from cohorts.coursework.models import Assignment, Rubric, RubricCriterion, RubricLevel, Submission
from cohorts.coursework.services.submissions import SubmissionRefused, submit
from tests.factories import (
    AssignmentFactory,
    ExtensionFactory,
    RubricFactory,
    draftail,
    jst,
    submitted_attempt,
)
from tests.factories import (
    assignment_form_data as assignment_data,
)
from tests.upload_corpus import pdf_bytes

DUE = jst(2026, 12, 1, 23, 59)


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def membership(world):
    return world.memberships["trainee"]


@pytest.fixture
def assignment(world):
    return AssignmentFactory(cohort=world.cohort, due_at=DUE, opens_at=jst(2026, 11, 1))


# Lateness at the edges ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "late"),
    [
        (jst(2026, 12, 1, 23, 58, 59), False),
        (jst(2026, 12, 1, 23, 59, 0), False),
        (jst(2026, 12, 1, 23, 59, 59), False),  # "23:59" covers the whole minute
        (jst(2026, 12, 2, 0, 0, 0), True),
        (jst(2026, 12, 2, 0, 0, 1), True),
        # The same instants seen from UTC: 14:59:59Z is 23:59:59 JST, 15:00Z is midnight JST.
        (datetime(2026, 12, 1, 14, 59, 59, tzinfo=UTC), False),
        (datetime(2026, 12, 1, 15, 0, 0, tzinfo=UTC), True),
    ],
)
def test_late_flag_at_the_2359_jst_edge(assignment, membership, moment, late):
    with time_machine.travel(moment, tick=False):
        submission, _ = submit(assignment, membership, text="回答", key="k")
    assert submission.is_late is late
    assert submission.submitted_at == moment


def test_a_trainee_in_another_time_zone_is_judged_by_the_instant(settings, assignment, membership):
    """A trainee abroad (UTC-8) submitting at 07:00 local on 1 December is already late."""
    settings.TIME_ZONE = "America/Los_Angeles"
    moment = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)  # 07:00 in Los Angeles, 00:00 JST
    with time_machine.travel(moment, tick=False):
        submission, _ = submit(assignment, membership, text="回答", key="k")
    assert submission.is_late


def test_the_extension_wins(assignment, membership, world):
    ExtensionFactory(assignment=assignment, membership=membership, due_at=jst(2026, 12, 8, 23, 59))
    with time_machine.travel(jst(2026, 12, 8, 23, 59, 30), tick=False):
        mine, _ = submit(assignment, membership, text="回答", key="a")
        theirs, _ = submit(assignment, world.memberships["other_trainee"], text="回答", key="b")
    assert not mine.is_late
    assert theirs.is_late
    assert assignment.due_for(membership) == jst(2026, 12, 8, 23, 59)
    assert assignment.due_for(world.memberships["other_trainee"]) == DUE


def test_refuse_policy_closes_at_the_due_minute_but_an_extension_reopens(world, membership):
    assignment = AssignmentFactory(
        cohort=world.cohort, due_at=DUE, opens_at=jst(2026, 11, 1), late_policy="refuse"
    )
    with time_machine.travel(jst(2026, 12, 1, 23, 59, 59), tick=False):
        submission, _ = submit(assignment, membership, text="a", key="1")
    assert not submission.is_late
    other = world.memberships["other_trainee"]
    with time_machine.travel(jst(2026, 12, 2, 0, 0), tick=False):
        with pytest.raises(SubmissionRefused) as refused:
            submit(assignment, other, text="a", key="2")
        assert refused.value.code == "closed"
        ExtensionFactory(assignment=assignment, membership=other, due_at=jst(2026, 12, 3, 12, 0))
        submission, _ = submit(assignment, other, text="a", key="3")
    assert not submission.is_late


def test_cutoff_policy_accepts_late_work_until_the_cutoff(world, membership):
    assignment = AssignmentFactory(
        cohort=world.cohort,
        due_at=DUE,
        opens_at=jst(2026, 11, 1),
        late_policy="cutoff",
        cutoff_at=jst(2026, 12, 5, 23, 59),
    )
    with time_machine.travel(jst(2026, 12, 5, 23, 59, 59), tick=False):
        submission, _ = submit(assignment, membership, text="a", key="1")
    assert submission.is_late
    with time_machine.travel(jst(2026, 12, 6, 0, 0), tick=False), pytest.raises(SubmissionRefused):
        submit(assignment, world.memberships["other_trainee"], text="a", key="2")
    assert Submission.objects.count() == 1


def test_not_open_yet(assignment, membership):
    with (
        time_machine.travel(jst(2026, 10, 31, 23, 59), tick=False),
        pytest.raises(SubmissionRefused) as refused,
    ):
        submit(assignment, membership, text="a", key="1")
    assert refused.value.code == "not_open"


def test_page_shows_due_date_with_zone_and_time_left(trainee, assignment):
    with time_machine.travel(jst(2026, 11, 29, 23, 59), tick=False):
        response = trainee.get(reverse("coursework:assignment_detail", args=[assignment.pk]))
    html = response.content.decode()
    assert "2026-12-01" in html and "23:59" in html
    assert "日本時間" in html
    assert "残り2日" in html  # two days left, written as Japanese does (no space, no comma)
    assert "未着手" in html


# Validation and sanitizing ------------------------------------------------------------------


def test_brief_is_sanitized_on_save(world):
    assignment = AssignmentFactory(
        cohort=world.cohort,
        brief='<p onclick="x()">計画<script>alert(1)</script><a href="javascript:x">a</a></p>',
    )
    stored = Assignment.objects.get(pk=assignment.pk).brief
    assert "<script" not in stored and "onclick" not in stored and "javascript" not in stored
    assert "計画" in stored


def test_plain_text_brief_keeps_its_paragraphs(world):
    assignment = AssignmentFactory(cohort=world.cohort, brief="一行目\n\n二行目 & <なし>")
    assert assignment.brief.count("<p>") == 2 and "&amp;" in assignment.brief


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"due_at": jst(2026, 3, 1)}, "due_at"),
        ({"late_policy": "cutoff", "cutoff_at": None}, "cutoff_at"),
        ({"late_policy": "cutoff", "cutoff_at": jst(2026, 11, 1)}, "cutoff_at"),
        ({"file_types": ["pdf", "exe"]}, "file_types"),
        ({"max_attempts": 0}, "max_attempts"),
    ],
)
def test_assignment_validation(world, changes, field):
    fields = {"due_at": DUE, "opens_at": jst(2026, 4, 1), **changes}
    assignment = AssignmentFactory.build(cohort=world.cohort, **fields)
    with pytest.raises(ValidationError) as caught:
        assignment.full_clean()
    assert field in caught.value.message_dict


def test_extension_must_name_a_trainee_of_the_cohort(world, assignment):
    from cohorts.coursework.models import Extension

    extension = Extension(
        assignment=assignment,
        membership=world.memberships["trainee_other_cohort"],
        due_at=DUE,
        reason="理由",
    )
    with pytest.raises(ValidationError) as caught:
        extension.full_clean()
    assert "membership" in caught.value.message_dict


# Rubrics ------------------------------------------------------------------------------------


def test_locked_rubric_refuses_changes_and_copies_freely(db):
    rubric = RubricFactory(criteria=2)
    assert rubric.max_points == 6
    rubric.lock()
    criterion = rubric.criteria.first()
    criterion.title = "変更"
    with pytest.raises(ValidationError):
        criterion.save()
    level = RubricLevel.objects.filter(criterion__rubric=rubric).first()
    level.points = 99
    with pytest.raises(ValidationError):
        level.save()
    with pytest.raises(ValidationError):
        RubricCriterion(rubric=rubric, title="追加").save()
    assert set(
        RubricLevel.objects.filter(criterion__rubric=rubric).values_list("points", flat=True)
    ) == {1, 2, 3}

    clone = rubric.copy()
    assert not clone.is_locked and clone.pk != rubric.pk
    assert clone.criteria.count() == 2 and clone.max_points == 6
    edited = clone.criteria.first()
    edited.title = "変更できる"
    edited.save()
    assert Rubric.objects.get(pk=rubric.pk).criteria.filter(title="変更できる").count() == 0


def test_rubric_is_shown_on_the_assignment_page(trainee, world):
    assignment = AssignmentFactory(cohort=world.cohort, rubric=RubricFactory(criteria=2))
    html = trainee.get(
        reverse("coursework:assignment_detail", args=[assignment.pk])
    ).content.decode()
    assert "観点1" in html and "観点2" in html and "優" in html


# Lists, the mentor's view and query counts -------------------------------------------------


def test_mentor_sees_only_paired_trainees_submitted_attempts(world, mentor, assignment):
    with time_machine.travel(jst(2026, 11, 20), tick=False):
        submitted_attempt(assignment, world.memberships["trainee"], key="1")
        submitted_attempt(assignment, world.memberships["other_trainee"], key="2")
    html = mentor.get(
        reverse("coursework:assignment_detail", args=[assignment.pk])
    ).content.decode()
    assert world.users["trainee"].display_name in html
    assert world.users["other_trainee"].display_name not in html


def test_assignment_list_query_count(trainee, world, django_assert_max_num_queries):
    for number in range(8):
        assignment = AssignmentFactory(cohort=world.cohort)
        if number % 2:
            submitted_attempt(assignment, world.memberships["trainee"], key=str(number))
    with django_assert_max_num_queries(12):
        response = trainee.get(reverse("coursework:assignment_list"))
    assert response.content.decode().count('class="card"') == 8


def test_assignment_list_shows_the_trainees_own_due_date(trainee, mentor, world):
    """With an extension the list says the new date (the assignment page already did)."""
    assignment = AssignmentFactory(cohort=world.cohort, due_at=jst(2026, 12, 2, 23, 59))
    ExtensionFactory(
        assignment=assignment,
        membership=world.memberships["trainee"],
        due_at=jst(2026, 12, 12, 21, 10),
    )
    html = trainee.get(reverse("coursework:assignment_list")).content.decode()
    assert "2026年12月12日（土）21:10" in html and "2026年12月2日（水）23:59" not in html
    assert "締切の延長" in html
    others = mentor.get(reverse("coursework:assignment_list")).content.decode()
    assert "2026年12月2日（水）23:59" in others


def test_assignment_page_query_count(trainee, world, django_assert_max_num_queries):
    assignment = AssignmentFactory(cohort=world.cohort, rubric=RubricFactory(criteria=4))
    for key in ("1", "2"):
        submitted_attempt(
            assignment, world.memberships["trainee"], files=[("a.pdf", pdf_bytes())], key=key
        )
    with django_assert_max_num_queries(20):
        response = trainee.get(reverse("coursework:assignment_detail", args=[assignment.pk]))
    assert response.status_code == 200


# The Wagtail admin --------------------------------------------------------------------------


def test_staff_create_an_assignment_in_the_admin(staff, world):
    response = staff.post(
        reverse("coursework_assignment:add"),
        {
            "cohort": world.cohort.pk,
            "lesson": "",
            "title": "課題: 承継計画の骨子",
            "brief": draftail(
                "骨子を書く <script>x</script>",
                "レッスンを読む",
                "悪いリンク",
                links=[
                    (1, 0, 5, {"id": world.lesson.pk}),
                    (2, 0, 5, {"url": "javascript:alert(1)"}),
                ],
            ),
            "opens_at": "2026-11-01 09:00",
            "due_at": "2026-12-01 23:59",
            "late_policy": "accept",
            "cutoff_at": "",
            "points": "100",
            "rubric": "",
            "max_attempts": "2",
            "parts": "both",
            "file_types": ["pdf", "docx"],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assignment = Assignment.objects.get(title="課題: 承継計画の骨子")
    assert assignment.file_types == ["pdf", "docx"]
    assert assignment.due_at == DUE
    assert "<script" not in assignment.brief
    assert "&lt;script&gt;" in assignment.brief  # typed text stays text
    # A link to a page chosen in the editor is stored as the page's address (shown as it is)
    assert f'href="{world.lesson.url}"' in assignment.brief
    assert "linktype" not in assignment.brief
    assert "javascript" not in assignment.brief


def test_the_admin_edits_the_brief_in_wagtails_rich_text_editor(staff, world):
    html = staff.get(reverse("coursework_assignment:add")).content.decode()
    assert 'data-controller="w-draftail"' in html or "data-draftail-input" in html


def test_staff_grant_an_extension_in_the_admin(staff, world, assignment):
    response = staff.post(
        reverse("coursework_extension:add"),
        {
            "assignment": assignment.pk,
            "membership": world.memberships["trainee"].pk,
            "due_at": "2026-12-08 23:59",
            "reason": "出張のため",
        },
    )
    assert response.status_code == 302
    extension = assignment.extensions.get()
    assert extension.granted_by == staff.user
    assert extension.due_at == jst(2026, 12, 8, 23, 59)


def test_copy_a_locked_rubric_in_the_admin(staff):
    rubric = RubricFactory(criteria=1)
    rubric.lock()
    url = reverse("coursework_admin:rubric_copy", args=[rubric.pk])
    assert staff.get(url).status_code == 200
    response = staff.post(url)
    assert response.status_code == 302
    assert (
        Rubric.objects.count() == 2 and Rubric.objects.filter(locked_at__isnull=True).count() == 1
    )


# Extensions from the site ---------------------------------------------------------------------


def extension_url(assignment, membership):
    return reverse("coursework:extension_grant", args=[assignment.pk, membership.pk])


def test_staff_grant_an_extension_on_the_site_with_an_audit_entry(staff, world, assignment):
    from academy.models import AuditEntry

    membership = world.memberships["trainee"]
    response = staff.post(
        extension_url(assignment, membership),
        {"due_at": "2026-12-08T23:59", "reason": "家業の繁忙期のため"},
    )
    assert response.status_code == 302
    extension = assignment.extensions.get()
    assert extension.due_at == jst(2026, 12, 8, 23, 59) and extension.granted_by == staff.user
    assert AuditEntry.objects.filter(object_id=str(extension.pk)).count() == 1
    with time_machine.travel(jst(2026, 12, 8, 12, 0), tick=False):
        submission, _ = submit(assignment, membership, text="回答", key="k")
    assert not submission.is_late


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"due_at": "2026-11-30T23:59", "reason": "理由"}, "due_at"),
        ({"due_at": "2026-12-08T23:59", "reason": "  "}, "reason"),
        ({"due_at": "not a date", "reason": "理由"}, "due_at"),
    ],
)
def test_bad_extension_input_changes_nothing(staff, world, assignment, data, field):
    response = staff.post(extension_url(assignment, world.memberships["trainee"]), data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not assignment.extensions.exists()


def test_mentor_may_grant_only_when_the_school_allows_and_only_to_paired_trainees(
    settings, mentor, world, assignment
):
    url = extension_url(assignment, world.memberships["trainee"])
    data = {"due_at": "2026-12-08T23:59", "reason": "体調不良"}
    assert mentor.get(url).status_code == 404
    settings.MENTORS_MAY_GRANT_EXTENSIONS = True
    assert mentor.post(url, data).status_code == 302
    other = extension_url(assignment, world.memberships["other_trainee"])
    assert mentor.post(other, data).status_code == 404
    assert assignment.extensions.count() == 1


# Staff set assignments in the Wagtail admin (the one screen for it) ---------------------------


def test_staff_set_an_assignment_in_the_admin(staff, world):
    response = staff.post(reverse("coursework_assignment:add"), assignment_data(world))
    assert response.status_code == 302
    assignment = Assignment.objects.get(title="課題: 株主構成の整理")
    assert assignment.created_by == staff.user and assignment.due_at == DUE
    assert assignment.max_attempts is None and assignment.file_types == ["xlsx", "pdf"]
    assert assignment.brief.count("<p>") == 2
    edit = staff.post(
        reverse("coursework_assignment:edit", args=[assignment.pk]),
        assignment_data(world, title="改題"),
    )
    assert edit.status_code == 302
    assert Assignment.objects.get(pk=assignment.pk).title == "改題"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"due_at": "2026-10-01T23:59"}, "due_at"),
        ({"cutoff_at": ""}, "cutoff_at"),
        ({"file_types": ["exe"]}, "file_types"),
        ({"lesson": "__other__"}, "lesson"),
        ({"title": ""}, "title"),
    ],
)
def test_bad_assignment_input_in_the_admin_changes_nothing(staff, world, changes, field):
    if changes.get("lesson") == "__other__":
        changes = {"lesson": world.lesson2.pk}  # a lesson of another course
    response = staff.post(reverse("coursework_assignment:add"), assignment_data(world, **changes))
    assert response.status_code == 200  # the admin shows the form again with the errors
    assert field in response.context["form"].errors
    assert not Assignment.objects.exists()


def test_admin_pages_render_with_nested_rubric_panels(staff, world, assignment):
    rubric = RubricFactory(criteria=2)
    pages = [
        reverse("coursework_rubric:add"),
        reverse("coursework_rubric:edit", args=[rubric.pk]),
        reverse("coursework_rubric:index"),
        reverse("coursework_assignment:add"),
        reverse("coursework_assignment:edit", args=[assignment.pk]),
        reverse("coursework_extension:index"),
    ]
    for url in pages:
        assert staff.get(url).status_code == 200, url
    edit = staff.get(reverse("coursework_rubric:edit", args=[rubric.pk])).content.decode()
    assert "観点1" in edit and "優" in edit


def test_staff_assignment_page_query_count(staff, world, django_assert_max_num_queries):
    from tests.factories import MembershipFactory

    assignment = AssignmentFactory(cohort=world.cohort, rubric=RubricFactory(criteria=3))
    for number in range(12):
        membership = MembershipFactory(cohort=world.cohort)
        submitted_attempt(assignment, membership, files=[("a.pdf", pdf_bytes())], key=str(number))
    with django_assert_max_num_queries(20):
        response = staff.get(reverse("coursework:assignment_detail", args=[assignment.pk]))
    assert response.content.decode().count("#1</a>") == 12


def rubric_admin_data(title):
    data = {
        "title": title,
        "description": "",
        "criteria-TOTAL_FORMS": "1",
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "1000",
        "criteria-0-id": "",
        "criteria-0-title": "観点A",
        "criteria-0-description": "",
        "criteria-0-position": "0",
        "criteria-0-ORDER": "1",
        "criteria-0-DELETE": "",
        "criteria-0-levels-TOTAL_FORMS": "2",
        "criteria-0-levels-INITIAL_FORMS": "0",
        "criteria-0-levels-MIN_NUM_FORMS": "0",
        "criteria-0-levels-MAX_NUM_FORMS": "1000",
    }
    for index, (level, points) in enumerate((("良", 3), ("可", 1))):
        prefix = f"criteria-0-levels-{index}-"
        data.update(
            {
                f"{prefix}id": "",
                f"{prefix}title": level,
                f"{prefix}points": str(points),
                f"{prefix}description": "",
                f"{prefix}position": str(index),
                f"{prefix}ORDER": str(index + 1),
                f"{prefix}DELETE": "",
            }
        )
    return data


def test_rubric_with_criteria_and_levels_in_the_admin_and_a_locked_one_refuses_edits(staff):
    response = staff.post(reverse("coursework_rubric:add"), rubric_admin_data("新しい評価基準"))
    assert response.status_code == 302
    rubric = Rubric.objects.get()
    assert rubric.max_points == 3
    assert list(rubric.criteria.values_list("title", flat=True)) == ["観点A"]
    rubric.lock()
    edit = staff.post(
        reverse("coursework_rubric:edit", args=[rubric.pk]), rubric_admin_data("変更")
    )
    assert edit.status_code == 200
    assert Rubric.objects.get().title == "新しい評価基準"
    assert RubricCriterion.objects.count() == 1


def test_default_demo_has_drafts_late_and_resubmitted_attempts_with_files(settings, db):
    """The issue's demo data: with the default six trainees a cohort already shows each case."""
    from django.core.management import call_command

    from cohorts.coursework.models import Submission, SubmissionFile

    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    assert Submission.objects.drafts().exists()
    assert Submission.objects.submitted().filter(is_late=True).exists()
    assert Submission.objects.filter(attempt=2, status="submitted").exists()
    assert Submission.objects.filter(attempt=1, status="returned").exists()
    assert SubmissionFile.objects.exists()
    assert Submission.objects.filter(assignment__rubric__isnull=False).exists()


def test_trainee_page_shows_each_state_of_the_work(trainee, world):
    """not started → draft → submitted → returned → (new draft) → submitted → graded."""
    from cohorts.coursework.models import Submission
    from cohorts.coursework.services.submissions import save_draft, submit

    assignment = AssignmentFactory(cohort=world.cohort, max_attempts=3)
    membership = world.memberships["trainee"]
    url = reverse("coursework:assignment_detail", args=[assignment.pk])

    def badge():
        page = trainee.get(url).content.decode()
        return page.split('class="badge state-', 1)[1].split('"', 1)[0], page

    assert badge()[0] == "not_started"
    save_draft(assignment, membership, text="下書き")
    assert badge()[0] == "draft"
    first, _ = submit(assignment, membership, text="一回目", key="s1")
    assert badge()[0] == "submitted"
    first.status = Submission.Status.RETURNED
    first.save(update_fields=["status", "updated_at"])
    state, page = badge()
    assert state == "returned" and "再提出依頼" in page
    save_draft(assignment, membership, text="直し")
    assert badge()[0] == "draft"
    second, _ = submit(assignment, membership, text="二回目", key="s2")
    assert second.attempt == 2 and badge()[0] == "submitted"
    second.status = Submission.Status.GRADED
    second.save(update_fields=["status", "updated_at"])
    state, page = badge()
    assert state == "graded" and "submission-form" not in page


def test_an_assignment_with_submissions_is_not_deleted_and_the_page_says_why(staff, world):
    from academy.models import AuditEntry

    assignment = AssignmentFactory(cohort=world.cohort)
    submitted_attempt(assignment, world.memberships["trainee"], key="k")
    url = reverse("coursework_assignment:delete", args=[assignment.pk])
    response = staff.post(url, follow=True)
    edit = reverse("coursework_assignment:edit", args=[assignment.pk])
    assert response.redirect_chain[-1][0] == edit
    assert "この課題には提出物があるため削除できません" in response.content.decode()
    assert Assignment.objects.filter(pk=assignment.pk).exists()
    assert not AuditEntry.objects.filter(action="delete").exists()


def test_a_rubric_in_use_is_not_deleted_and_the_page_says_why(staff, world):
    rubric = RubricFactory()
    AssignmentFactory(cohort=world.cohort, rubric=rubric)
    response = staff.post(reverse("coursework_rubric:delete", args=[rubric.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("coursework_rubric:edit", args=[rubric.pk])
    assert "この評価基準は課題で使われているため削除できません" in response.content.decode()
    assert Rubric.objects.filter(pk=rubric.pk).exists()


def test_copying_a_rubric_needs_the_permission_to_add_one(world):
    """Staff without the rubric permission get a 404, as for any object out of reach."""
    from django.contrib.auth.models import Permission

    from tests.conftest import client_for
    from tests.factories import UserFactory

    rubric = RubricFactory()
    clerk = UserFactory(is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="access_admin"))
    url = reverse("coursework_admin:rubric_copy", args=[rubric.pk])
    assert client_for(clerk).post(url).status_code == 404
    clerk.user_permissions.add(Permission.objects.get(codename="add_rubric"))
    assert client_for(clerk).post(url).status_code == 302
    assert Rubric.objects.count() == 2
