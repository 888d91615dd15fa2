"""Demo assignments, rubrics, extensions, drafts and submissions (some late, some resubmitted,
some with small files). Runs after cohorts.demo; bulk inserts keep 60 assignments × 300
trainees well under a minute.

Per assignment already due, trainee number n (1-based) in its cohort: n % 5 == 0 has not
started, n % 5 == 4 handed in a day late, n % 5 == 3 was returned and resubmitted, the rest
submitted on time (so the default six trainees of a cohort already show each case). Of an assignment still open, n % 3 == 1 has a draft and n % 3 == 2 has
submitted. The first FILES_PER_ASSIGNMENT attempts of each assignment carry a small file.

Every open assignment was announced to its trainees when it opened, and they have opened it;
one more assignment of the first cohort opened yesterday and nobody has opened it yet, so each
trainee's dashboard shows it as new (rows written directly: the demo sends no e-mail).
"""

import hashlib
from datetime import datetime, time, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from cohorts.coursework.models import (
    Announcement,
    Assignment,
    Extension,
    Rubric,
    RubricCriterion,
    RubricLevel,
    Submission,
    SubmissionFile,
)
from cohorts.uploads.storage import private_storage, random_name

FILES_PER_ASSIGNMENT = 12
TITLES = [
    "自社の現状分析（SWOT）",
    "後継者としての決意表明",
    "10年後のビジョン",
    "財務諸表の読み解き",
    "承継計画書の骨子",
    "事業承継の課題整理",
    "組織図と人材の棚卸し",
    "取引先との関係整理",
]
# Cleaned like anything typed (the fields are SanitizedHTMLFields, also in bulk_create).
BRIEF = (
    "<p>講義の内容を踏まえ、自社について考えをまとめてください。</p>"
    "<ul><li>A4 で 2 枚程度</li><li>図表は PDF か画像で添付してください</li></ul>"
)
ANSWER = "<p>当社の強みは地域の顧客との長い関係です。課題は次の世代の育成です。</p>"
CRITERIA = [
    ("現状の把握", [("十分", 4), ("概ね十分", 3), ("一部不足", 2), ("不足", 1)]),
    ("課題の設定", [("明確", 4), ("概ね明確", 3), ("やや曖昧", 2), ("曖昧", 1)]),
    ("具体性", [("具体的", 4), ("概ね具体的", 3), ("抽象的", 2), ("記載なし", 1)]),
]


def _pdf(text):
    body = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    head = (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
        b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >> endobj\n"
    )
    stream = b"4 0 obj << /Length " + str(len(body)).encode() + b" >> stream\n" + body
    return head + stream + b"\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _rubrics():
    rubrics = Rubric.objects.bulk_create(
        [Rubric(title="レポート評価基準（標準）"), Rubric(title="発表評価基準")]
    )
    criteria = RubricCriterion.objects.bulk_create(
        RubricCriterion(rubric=rubric, title=title, position=position)
        for rubric in rubrics
        for position, (title, _levels) in enumerate(CRITERIA)
    )
    levels = dict(CRITERIA)
    RubricLevel.objects.bulk_create(
        RubricLevel(criterion=criterion, title=title, points=points, position=position)
        for criterion in criteria
        for position, (title, points) in enumerate(levels[criterion.title])
    )
    return rubrics


def _due(now, weeks):
    day = timezone.localtime(now).date() + timedelta(weeks=weeks)
    return timezone.make_aware(datetime.combine(day, time(23, 59)))


def _assignments(context, rubrics, now):
    cohorts = [context.objects["cohort"], context.objects["cohort2"]]
    count = context.assignments
    rows = []
    for index in range(count):
        due = _due(now, index - count // 2)
        rows.append(
            Assignment(
                cohort=cohorts[1] if index % 4 == 3 else cohorts[0],
                title=f"課題{index + 1}: {TITLES[index % len(TITLES)]}",
                brief=BRIEF,
                opens_at=due - timedelta(days=21),
                due_at=due,
                late_policy=["accept", "cutoff", "refuse"][index % 3],
                cutoff_at=due + timedelta(days=7) if index % 3 == 1 else None,
                points=100,
                rubric=rubrics[index % 2] if index % 3 != 2 else None,
                max_attempts=[3, 2, 1][index % 3],
                parts=["either", "both", "text"][index % 3],
                created_by=context.staff,
            )
        )
    return Assignment.objects.bulk_create(rows, batch_size=500)


def _work(assignments, trainees_by_cohort, now):
    """Submission rows (unsaved) and, per row, whether it gets a file."""
    rows = []
    for assignment in assignments:
        due = assignment.due_at
        for number, membership in enumerate(trainees_by_cohort[assignment.cohort_id], start=1):

            def attempt(n, status, at, late=False, a=assignment, m=membership):
                return Submission(
                    assignment=a,
                    membership=m,
                    attempt=n,
                    text=ANSWER,
                    status=status,
                    submitted_at=at,
                    is_late=late,
                    submit_key=f"demo-{a.pk}-{m.pk}-{n}" if at else "",
                )

            if due < now:
                if number % 5 == 0:
                    continue
                if number % 5 == 4 and assignment.late_policy != "refuse":
                    rows.append(attempt(1, "submitted", due + timedelta(days=1), late=True))
                elif number % 5 == 3 and (assignment.max_attempts or 2) > 1:
                    rows.append(attempt(1, "returned", due - timedelta(days=3)))
                    rows.append(attempt(2, "submitted", due - timedelta(hours=5)))
                else:
                    rows.append(attempt(1, "submitted", due - timedelta(days=1, hours=number % 9)))
            elif assignment.opens_at <= now:
                if number % 3 == 1:
                    rows.append(attempt(1, "draft", None))
                elif number % 3 == 2:
                    rows.append(attempt(1, "submitted", now - timedelta(hours=number % 40 + 1)))
    return rows


def _files(submissions):
    storage = private_storage()
    per_assignment = {}
    records = []
    for submission in submissions:
        seen = per_assignment.get(submission.assignment_id, 0)
        if seen >= FILES_PER_ASSIGNMENT or submission.assignment.parts == "text":
            continue
        per_assignment[submission.assignment_id] = seen + 1
        data = _pdf(f"Demo attempt {submission.attempt} / {submission.pk}")
        name = storage.save(random_name(), ContentFile(data))
        records.append(
            SubmissionFile(
                submission=submission,
                file=name,
                original_name=f"提出資料_第{submission.attempt}回.pdf",
                kind="pdf",
                content_type="application/pdf",
                size=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
            )
        )
    SubmissionFile.objects.bulk_create(records, batch_size=1000)
    return records


def _announcements(context, assignments, trainees_by_cohort, now):
    """Announced and opened, every open assignment; plus one new, unopened, in the first cohort."""
    cohort = context.objects["cohort"]
    opened_yesterday = timezone.make_aware(
        datetime.combine(timezone.localtime(now).date() - timedelta(days=1), time(9, 0))
    )
    new = Assignment.objects.create(
        cohort=cohort,
        title=f"課題{len(assignments) + 1}: {TITLES[len(assignments) % len(TITLES)]}",
        brief=BRIEF,
        opens_at=opened_yesterday,
        due_at=_due(now, 2),
        announced_at=opened_yesterday,
        created_by=context.staff,
    )
    rows = []
    for assignment in [*assignments, new]:
        if assignment.opens_at > now:
            continue
        if assignment is not new:
            assignment.announced_at = assignment.opens_at
        opened = None if assignment is new else assignment.opens_at + timedelta(hours=2)
        rows.extend(
            Announcement(
                assignment=assignment,
                membership=membership,
                announced_at=assignment.opens_at,
                opened_at=opened,
            )
            for membership in trainees_by_cohort.get(assignment.cohort_id, [])
        )
    Assignment.objects.bulk_update(
        [a for a in assignments if a.announced_at], ["announced_at"], batch_size=500
    )
    Announcement.objects.bulk_create(rows, batch_size=1000)
    return new


def seed(context):
    if "cohort" not in context.objects or context.assignments == 0:
        return
    now = timezone.now()
    rubrics = _rubrics()
    assignments = _assignments(context, rubrics, now)
    trainees_by_cohort = {}
    for membership in context.objects["trainee_memberships"]:
        trainees_by_cohort.setdefault(membership.cohort_id, []).append(membership)
    submissions = Submission.objects.bulk_create(
        _work(assignments, trainees_by_cohort, now), batch_size=1000
    )
    files = _files(submissions)
    # One extension: trainee2 has a week more for the first assignment still open.
    upcoming = [
        a for a in assignments if a.due_at > now and a.cohort_id == context.objects["cohort"].pk
    ]
    trainee2 = context.objects["memberships"].get("trainee2@example.com")
    if upcoming and trainee2 is not None:
        Extension.objects.create(
            assignment=upcoming[0],
            membership=trainee2,
            due_at=upcoming[0].due_at + timedelta(days=7),
            reason="家業の繁忙期のため",
            granted_by=context.staff,
        )
    context.objects["assignments"] = assignments
    context.objects["new_assignment"] = _announcements(
        context, assignments, trainees_by_cohort, now
    )
    context.say(
        f"assignments: {len(assignments)} with {len(rubrics)} rubrics, "
        f"{len(submissions)} attempts (drafts, late, resubmitted), {len(files)} files"
    )
