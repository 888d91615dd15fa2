"""Demo succession plans. Runs after review's demo.

- trainee1 (「2026 第1期」): a plan in several versions across six sections, mentor1's
  comments (one open, one resolved by trainee1), and a milestone assignment
  「中間発表: 事業承継計画書（現時点）」 handed in as a snapshot, waiting for mentor1's review;
- the other trainees of the first cohort: shorter plans (one or two sections, one version);
- the practice course (「2026 実践第1期」) has section titles of its own (PRACTICE_HEADINGS),
  which its trainees' plans use instead of the school's defaults.
Rows are written directly (no e-mail is sent); versions are dated over the past weeks.
"""

from datetime import timedelta

from django.template.loader import render_to_string
from django.utils import timezone, translation

from cohorts.coursework.models import Assignment, Submission
from cohorts.plans.models import (
    DEFAULT_HEADINGS,
    Plan,
    PlanHeading,
    PlanSection,
    PlanSnapshot,
    SectionComment,
    SectionVersion,
)

COMPANY = "株式会社佐藤精工"
# section key -> the versions trainee1 wrote, oldest first
TRAINEE1 = {
    "company": [
        "創業1968年の金属加工業。従業員32名。主な取引先は自動車部品メーカー3社。",
        "創業1968年の金属加工業（精密切削）。従業員32名、年商6.2億円。\n\n"
        "主な取引先は自動車部品メーカー3社で、売上の7割を占める。",
        "創業1968年の金属加工業（精密切削・研磨）。従業員32名、年商6.2億円。\n\n"
        "主な取引先は自動車部品メーカー3社で、売上の7割を占める。"
        "医療機器部品の試作を2025年から始めた。",
    ],
    "owner": [
        "父（現社長・68歳）は、従業員の雇用を守ることを第一に考えている。",
        "父（現社長・68歳）は、従業員の雇用を守ることを第一に考えている。\n\n"
        "「技術は人に宿る」が口癖で、熟練工の技術を次の世代に残したいと話している。",
    ],
    "vision": [
        "自動車依存から脱し、医療機器分野を第二の柱にする。",
        "自動車依存から脱し、5年で医療機器分野の売上を3割にする。\n\n"
        "若手の採用と多能工化を進め、技術承継の仕組みをつくる。",
    ],
    "finances": [
        "自己資本比率38%。借入金2.1億円（地元信用金庫・政策金融公庫）。社長個人の連帯保証あり。",
    ],
    "schedule": [
        "2026年度: 専務就任。2027年度: 代表権付与。2028年度: 社長交代、株式の贈与開始。",
    ],
    "risks": [
        "主要取引先の生産移管。熟練工の退職。借入金の保証の引き継ぎ。",
    ],
}
OTHERS = [
    {"company": "創業1985年の食品卸。従業員15名。地域のスーパー20店に納品。"},
    {
        "company": "三代続く旅館。客室18室。インバウンドの比率が伸びている。",
        "vision": "日帰り入浴と地元食材の食事で、平日の稼働率を上げる。",
    },
    {"owner": "母（現社長）は、地域の雇用を守りながら事業を続けてほしいと考えている。"},
    {"company": "建設業（土木）。従業員40名。公共工事が売上の6割。"},
    {
        "company": "印刷業。従業員12名。",
        "schedule": "2027年に代表交代。その前に設備の更新を終える。",
    },
]
PRACTICE_HEADINGS = [
    ("事業の現状と課題", "The business today and its issues"),
    ("承継後の経営方針", "Management policy after the succession"),
    ("資金計画", "Funding plan"),
    ("株式・事業用資産の承継", "Passing on shares and business assets"),
    ("承継スケジュール", "Succession timeline"),
]
COMMENTS = [
    # (section key, version number read, text, resolved by the trainee?)
    ("company", 2, "取引先3社の売上比率を、社別に書いておくと銀行にも伝わりやすいです。", True),
    ("vision", 2, "医療機器分野の3割は、どの製品で、どの顧客からでしょうか。根拠を一言ください。", False),
]  # fmt: skip


def _name(user):
    return user.get_full_name() or user.email


def _sections(plan):
    rows = PlanSection.objects.bulk_create(
        [
            PlanSection(plan=plan, default_key=key, position=index)
            for index, (key, _title) in enumerate(DEFAULT_HEADINGS)
        ]
    )
    return {row.default_key: row for row in rows}


def _write(plan, texts, author, start):
    """Versions of each section, a few days apart from start; returns {key: [versions]}."""
    sections = _sections(plan)
    written, moment = {}, start
    for key, bodies in texts.items():
        for number, body in enumerate(bodies, start=1):
            moment += timedelta(days=3, minutes=40)
            written.setdefault(key, []).append(
                SectionVersion(
                    section=sections[key],
                    number=number,
                    body=body,
                    author=author,
                    author_name=_name(author),
                    created_at=moment,
                )
            )
    SectionVersion.objects.bulk_create([v for versions in written.values() for v in versions])
    return written


def _milestone(context, cohort, membership, versions, now):
    assignment = Assignment.objects.create(
        cohort=cohort,
        title="中間発表: 事業承継計画書（現時点）",
        brief="<p>今日の時点の事業承継計画書を提出してください。面談での講評をもとに、"
        "修了までに書き上げます。</p>",
        opens_at=now - timedelta(days=14),
        due_at=now + timedelta(days=14),
        points=100,
        max_attempts=None,
        parts=Assignment.Parts.TEXT,
        asks_for_plan=True,
        created_by=context.staff,
    )
    latest = [bodies[-1] for bodies in versions.values()]
    sections = []
    for version in latest:
        version.section.latest = version
        sections.append(version.section)
    taken_at = now - timedelta(days=1)
    text = render_to_string(
        "cohorts/plans/includes/snapshot_text.html", {"plan": membership.plan, "sections": sections}
    )
    submission = Submission.objects.create(
        assignment=assignment,
        membership=membership,
        attempt=1,
        text=text,
        status=Submission.Status.SUBMITTED,
        submitted_at=taken_at,
    )
    snapshot = PlanSnapshot.objects.create(
        plan=membership.plan,
        submission=submission,
        company=COMPANY,
        taken_at=taken_at,
        taken_by=membership.user,
    )
    snapshot.versions.set(latest)


def seed(context):
    cohort = context.objects.get("cohort")
    memberships = context.objects.get("memberships", {})
    trainee1 = memberships.get("trainee1@example.com")
    mentor1 = memberships.get("mentor1@example.com")
    if cohort is None or trainee1 is None or mentor1 is None:
        return
    if "course2" in context.objects:
        PlanHeading.objects.bulk_create(
            [
                PlanHeading(course=context.objects["course2"], position=n, title=ja, title_en=en)
                for n, (ja, en) in enumerate(PRACTICE_HEADINGS, start=1)
            ]
        )
    now = timezone.now()
    start = timezone.localtime(now - timedelta(weeks=8)).replace(
        hour=19, minute=30, second=0, microsecond=0
    )
    plan = Plan.objects.create(membership=trainee1, company=COMPANY)
    trainee1.plan = plan
    versions = _write(plan, TRAINEE1, trainee1.user, start)
    comments = []
    for key, number, body, resolved in COMMENTS:
        version = versions[key][number - 1]
        written = version.created_at + timedelta(days=1)
        comments.append(
            SectionComment(
                section=version.section,
                version=version,
                author=mentor1.user,
                author_name=_name(mentor1.user),
                body=body,
                created_at=written,
                resolved_at=written + timedelta(days=2) if resolved else None,
                resolved_by=trainee1.user if resolved else None,
                resolved_by_name=_name(trainee1.user) if resolved else "",
            )
        )
    SectionComment.objects.bulk_create(comments)
    with translation.override("ja"):
        _milestone(context, cohort, trainee1, versions, now)
    others = [
        m
        for m in context.objects.get("trainee_memberships", [])
        if m.cohort_id == cohort.pk and m.pk != trainee1.pk
    ]
    for membership, texts in zip(others, OTHERS, strict=False):
        other = Plan.objects.create(membership=membership)
        _write(other, {key: [body] for key, body in texts.items()}, membership.user, start)
    context.say("Succession plans: trainee1's in several versions, shorter ones for the others.")
