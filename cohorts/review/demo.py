"""Demo reviews: every state of the queue at the default size. Runs after coursework's demo.

Of each submitted attempt (trainee number n, assignment index i): a returned first attempt
has a returned review and its second attempt goes on below (the returned-then-resubmitted
chain); otherwise (n + i) % 4 == 0 waits to be reviewed, 1 is a draft, 2 and 3 are released
(in the second cohort, where the office releases, they are marked ready instead). The first released review of 「2026 第1期」 was corrected once (two published
versions). trainee1's released feedback is left unopened, so their dashboard shows
「新しい講評」. Bulk inserts keep the large sizes fast; each review gets one audit entry.
"""

from datetime import timedelta

from django.utils import timezone

from academy.audit import record_changes
from cohorts.coursework.models import RubricCriterion, RubricLevel, Submission
from cohorts.models import Membership
from cohorts.review import scoring
from cohorts.review.models import CriterionScore, ReleasePolicy, Review, ReviewRelease

FEEDBACK = [
    "<p>現状の把握が丁寧で、数字の裏付けもあります。次は課題の優先順位を示してください。</p>",
    "<p>論点がよく整理されています。従業員への伝え方をもう少し具体的に書きましょう。</p>",
    "<p>自社の強みがはっきり伝わります。承継の時期の見通しも加えると、さらに良くなります。</p>",
]
REVISION = "売上の推移を表にして、課題との関係を書き足してください。"
NOTE = "次回の面談で財務の話を深めたい。"


def _mentor_of(memberships):
    """{trainee membership pk: mentor user} from the pairings."""
    through = Membership.mentors.through.objects.filter(
        from_membership__in=[m.pk for m in memberships]
    ).select_related("to_membership__user")
    return {row.from_membership_id: row.to_membership.user for row in through}


def _levels(assignments):
    """{rubric pk: [(criterion, [levels best first])]}."""
    rubric_ids = {a.rubric_id for a in assignments if a.rubric_id}
    levels = {}
    for level in RubricLevel.objects.filter(criterion__rubric_id__in=rubric_ids).order_by(
        "position", "-points"
    ):
        levels.setdefault(level.criterion_id, []).append(level)
    rubrics = {}
    for criterion in RubricCriterion.objects.filter(rubric_id__in=rubric_ids).order_by(
        "position", "pk"
    ):
        rubrics.setdefault(criterion.rubric_id, []).append((criterion, levels[criterion.pk]))
    return rubrics


def _score(assignment, rubric, seed):
    """(chosen [(criterion, level)], points) for a believable review."""
    if not rubric:
        return [], scoring.as_points(60 + seed * 7 % 40)
    chosen = [
        (c, levels[min((seed + k) % 3, len(levels) - 1)]) for k, (c, levels) in enumerate(rubric)
    ]
    top = scoring.rubric_max([lv.points for lv in levels] for _c, levels in rubric)
    raw = sum(level.points for _c, level in chosen)
    return chosen, scoring.total(raw, top, assignment.points)


def _plan(context, now):
    """(submission, state) for every reviewed attempt, in a stable order."""
    assignments = [a for a in context.objects.get("assignments", []) if a.opens_at <= now]
    index = {a.pk: i for i, a in enumerate(context.objects.get("assignments", []))}
    numbers = {m.pk: n for n, m in enumerate(context.objects["trainee_memberships"], start=1)}
    gated = context.objects["cohort2"].pk
    plan = []
    submissions = (
        Submission.objects.submitted()
        .filter(assignment__in=assignments)
        .select_related("assignment")
        .order_by("assignment__due_at", "membership_id", "attempt")
    )
    for submission in submissions:
        n, i = numbers.get(submission.membership_id, 0), index[submission.assignment_id]
        if submission.status == Submission.Status.RETURNED:
            plan.append((submission, "returned"))
            continue
        kind = (n + i) % 4
        if kind == 0:
            continue
        if kind == 1:
            plan.append((submission, "draft"))
        elif submission.assignment.cohort_id == gated:
            plan.append((submission, "ready"))
        else:
            plan.append((submission, "released"))
    return assignments, plan


def seed(context):
    if "cohort" not in context.objects or not context.objects.get("assignments"):
        return
    now = timezone.now()
    ReleasePolicy.objects.create(
        cohort=context.objects["cohort2"], staff_release=True, updated_by=context.staff
    )
    assignments, plan = _plan(context, now)
    rubrics = _levels(assignments)
    mentors = _mentor_of(context.objects["trainee_memberships"])
    reviews, scores, chosen_by_review = [], [], []
    for k, (submission, state) in enumerate(plan):
        assignment = submission.assignment
        chosen, points = _score(assignment, rubrics.get(assignment.rubric_id), k)
        mentor = mentors.get(submission.membership_id)
        reviews.append(
            Review(
                submission=submission,
                state=state,
                author=mentor,
                updated_by=mentor,
                feedback=FEEDBACK[k % len(FEEDBACK)],
                revision_request=REVISION if state == "returned" else "",
                private_note=NOTE if k % 5 == 0 else "",
                manual_points=None if chosen else points,
                points=points,
                points_possible=assignment.points,
                version=1,
            )
        )
        chosen_by_review.append(chosen)
    reviews = Review.objects.bulk_create(reviews, batch_size=1000)
    for review, chosen in zip(reviews, chosen_by_review, strict=True):
        scores.extend(
            CriterionScore(review=review, criterion=c, level=lv, scored_by=review.author)
            for c, lv in chosen
        )
    CriterionScore.objects.bulk_create(scores, batch_size=2000)
    releases = _releases(context, reviews, chosen_by_review, now)
    graded = [r.submission_id for r in reviews if r.state == "released"]
    Submission.objects.filter(pk__in=graded).update(status=Submission.Status.GRADED)
    for assignment in assignments:
        if assignment.rubric_id and any(
            r.state == "released" and r.submission.assignment_id == assignment.pk for r in reviews
        ):
            assignment.rubric.lock()
    _audit(reviews)
    context.say(
        f"reviews: {len(reviews)} ({', '.join(f'{s} {sum(r.state == s for r in reviews)}' for s in ('draft', 'ready', 'released', 'returned'))}), "
        f"{len(releases)} published versions"
    )


def _releases(context, reviews, chosen_by_review, now):
    trainee1 = context.objects["memberships"].get("trainee1@example.com")
    corrected = False
    rows = []
    for review, chosen in zip(reviews, chosen_by_review, strict=True):
        if review.state not in ("released", "returned"):
            continue
        submission = review.submission
        at = (submission.submitted_at or now) + timedelta(days=2)
        seen = None if trainee1 and submission.membership_id == trainee1.pk else at
        base = {
            "review": review,
            "outcome": review.state,
            "feedback": review.feedback,
            "revision_request": review.revision_request,
            "scores": [
                {
                    "criterion": c.title,
                    "level": lv.title,
                    "points": lv.points,
                    "max": 4,
                }
                for c, lv in chosen
            ],
            "points": review.points if review.state == "released" else None,
            "points_possible": review.points_possible,
            "author_name": review.author.get_full_name() if review.author else "",
            "released_by": review.author,
            "review_version": 1,
        }
        if (
            not corrected
            and review.state == "released"
            and submission.assignment.cohort_id == context.objects["cohort"].pk
        ):
            corrected = True
            first = {**base, "feedback": "<p>（訂正前）" + review.feedback[3:]}
            rows.append(ReviewRelease(number=1, released_at=at, seen_at=at, **first))
            rows.append(
                ReviewRelease(number=2, released_at=at + timedelta(hours=3), seen_at=seen, **base)
            )
            continue
        rows.append(
            ReviewRelease(number=1, released_at=at, seen_at=seen if review.state else None, **base)
        )
    return ReviewRelease.objects.bulk_create(rows, batch_size=1000)


def _audit(reviews):
    by_author = {}
    for review in reviews:
        by_author.setdefault(review.author, []).append(review)
    for author, group in by_author.items():
        record_changes(
            actor=author,
            changes=[
                (
                    review,
                    review.state if review.state in ("released", "returned", "ready") else "create",
                    None,
                    {"state": review.state, "points": str(review.points), "version": 1},
                )
                for review in group
            ],
        )
