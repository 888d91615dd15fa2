"""Access rows for succession plans: the plan, its PDF, sections (read, edit, history,
compare), comments, snapshots, the milestone submit, and the admin's section titles.

Confidential: the trainee, their active paired mentor and staff read; only the trainee
writes; only the mentor comments; the trainee or the comment's author resolves; everyone
else gets 404."""

from cohorts.plans.models import PlanHeading
from cohorts.plans.services.comments import add_comment
from cohorts.plans.services.plans import plan_for, save_section, sections_of
from cohorts.plans.services.snapshots import submit_plan
from tests.factories import AssignmentFactory

from . import STAFF_ADMIN, Row, expect


def build(world):
    trainee, other = world.memberships["trainee"], world.memberships["other_trainee"]
    section = sections_of(plan_for(trainee))[0]
    save_section(trainee.user, section, body="第1版", based_on=0)
    version, _created = save_section(trainee.user, section, body="第2版", based_on=1)
    comment = add_comment(world.users["mentor"], section, version=version, body="コメント")
    others_section = sections_of(plan_for(other))[0]
    save_section(other.user, others_section, body="他人の計画", based_on=0)
    assignment = AssignmentFactory(
        cohort=world.cohort, asks_for_plan=True, parts="text", max_attempts=None
    )
    snapshot, _created = submit_plan(trainee.user, assignment, trainee, key="row-snapshot")
    world.objects.update(
        plan_section=section,
        others_section=others_section,
        plan_comment=comment,
        plan_assignment=assignment,
        plan_snapshot=snapshot,
        plan_heading=PlanHeading.objects.create(
            course=world.objects["course2"], position=1, title="会社概要"
        ),
    )


# The trainee's plan: the trainee, their mentor, staff.
READ = expect(404, anonymous=302, trainee=200, mentor=200, staff=200)
# another trainee's plan: that trainee, their mentor, staff.
OTHERS = expect(404, anonymous=302, other_trainee=200, other_mentor=200, staff=200)
POST_ONLY = expect(405, anonymous=302)


def trainee_pk(w):
    return {"pk": w.memberships["trainee"].pk}


def section_pk(w):
    return {"pk": w.plan_section.pk}


ROWS = [
    Row("plans:plan_list", expect(302, mentor=200, other_mentor=200, staff=200)),
    Row("plans:plan_detail", READ, kwargs=trainee_pk),
    Row(
        "plans:plan_detail",
        OTHERS,
        kwargs=lambda w: {"pk": w.memberships["other_trainee"].pk},
        label="another trainee's plan",
    ),
    Row(
        "plans:plan_detail",
        expect(404, anonymous=302, trainee_other_cohort=200, staff=200),
        kwargs=lambda w: {"pk": w.memberships["trainee_other_cohort"].pk},
        label="a trainee of another cohort",
    ),
    Row(
        "plans:plan_detail",
        expect(404, anonymous=302),
        kwargs=lambda w: {"pk": w.memberships["mentor"].pk},
        label="a mentor membership has no plan",
    ),
    Row("plans:plan_company", POST_ONLY, kwargs=trainee_pk, label="GET is refused"),
    Row(
        "plans:plan_company",
        expect(404, anonymous=302, trainee=302),
        kwargs=trainee_pk,
        method="post",
        data=lambda w: {"company": "株式会社佐藤精工"},
    ),
    Row("plans:plan_pdf", READ, kwargs=trainee_pk),
    Row("plans:section_detail", READ, kwargs=section_pk),
    Row(
        "plans:section_detail",
        OTHERS,
        kwargs=lambda w: {"pk": w.others_section.pk},
        label="another trainee's section",
    ),
    Row("plans:section_edit", expect(404, anonymous=302, trainee=200), kwargs=section_pk),
    Row(
        "plans:section_edit",
        expect(404, anonymous=302, trainee=302),
        kwargs=section_pk,
        method="post",
        data=lambda w: {"body": "第3版", "base": "2"},
        label="save",
    ),
    Row("plans:section_history", READ, kwargs=section_pk),
    Row("plans:section_compare", READ, kwargs=section_pk, data=lambda w: {"old": "1", "new": "2"}),
    Row("plans:comment_create", POST_ONLY, kwargs=section_pk, label="GET is refused"),
    Row(
        "plans:comment_create",
        expect(404, anonymous=302, mentor=302),
        kwargs=section_pk,
        method="post",
        data=lambda w: {"body": "もう一つのコメント", "version": "2"},
    ),
    Row(
        "plans:comment_resolve",
        POST_ONLY,
        kwargs=lambda w: {"pk": w.plan_comment.pk},
        label="GET is refused",
    ),
    Row(
        "plans:comment_resolve",
        expect(404, anonymous=302, trainee=302, mentor=302),
        kwargs=lambda w: {"pk": w.plan_comment.pk},
        method="post",
    ),
    Row("plans:snapshot_detail", READ, kwargs=lambda w: {"pk": w.plan_snapshot.pk}),
    Row("plans:snapshot_pdf", READ, kwargs=lambda w: {"pk": w.plan_snapshot.pk}),
    Row(
        "plans:submission_snapshot",
        expect(404, anonymous=302, trainee=302, mentor=302, staff=302),
        kwargs=lambda w: {"submission_pk": w.plan_snapshot.submission_id},
    ),
    Row(
        "plans:milestone_submit",
        POST_ONLY,
        kwargs=lambda w: {"pk": w.plan_assignment.pk},
        label="GET is refused",
    ),
    Row(
        "plans:milestone_submit",
        # other_trainee hands in their own plan (same cohort); nobody else may.
        expect(404, anonymous=302, trainee=302, other_trainee=302),
        kwargs=lambda w: {"pk": w.plan_assignment.pk},
        method="post",
        data=lambda w: {"key": "row"},
    ),
    Row("plans_heading:index", STAFF_ADMIN),
    Row("plans_heading:index_results", STAFF_ADMIN),
    Row("plans_heading:add", STAFF_ADMIN),
    Row("plans_heading:edit", STAFF_ADMIN, kwargs=lambda w: {"pk": w.plan_heading.pk}),
    Row(
        "plans_heading:delete",
        STAFF_ADMIN,
        kwargs=lambda w: {"pk": w.plan_heading.pk},
        label="confirmation page",
    ),
]
