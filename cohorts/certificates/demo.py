"""Demo completion: a finished, archived past cohort with its alumni, and rules on a running one.

- "2025 第0期" on the first course (2025-04-01 to 2026-03-31), archived. Its trainees are new
  accounts alumni1–alumni4@example.com (password demo-pass-2026, README): alumni1–3 completed
  (confirmed by staff on 2026-03-20, each with a 修了証 made by the task worker once the seed
  commits); alumni4 did not. alumni1 and alumni2 are listed in the alumni directory.
- The school's seal (a red 2×2 stamp drawn with the embedded font) on each cohort's rules.
- "2026 第1期" gets rules: attendance of at least 80 %, its first assignment released at 60 %
  or more, and its last session (the closing presentation); so the staff page shows trainees
  on track and at risk. The documented accounts and pairings are untouched.
"""

import io
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.utils import timezone

from academy.demo import DEMO_PASSWORD
from academy.pdf import FONT_FILE
from cohorts.attendance.models import Session
from cohorts.coursework.models import Assignment
from cohorts.models import Cohort, Membership

from .models import CompletionRule
from .services.alumni import list_in_directory
from .services.completions import confirm_completion

ALUMNI = [
    ("alumni1@example.com", "大野 康介", "オオノ コウスケ", "大野酒造株式会社", "酒蔵の四代目。承継2年目、新しい販路づくりに取り組んでいます。"),
    ("alumni2@example.com", "菅原 由紀", "スガワラ ユキ", "菅原精機有限会社", "製造業の事業承継、社内の世代交代の話ならいつでもどうぞ。"),
    ("alumni3@example.com", "千葉 亮介", "チバ リョウスケ", "", ""),
    ("alumni4@example.com", "熊谷 真理", "クマガイ マリ", "", ""),
]  # fmt: skip
COMPLETED = 3
LISTED = 2
SIGNATORY = "塾長 阿部 正彦"


def seal_png():
    """A red square seal, 「育成塾印」 in two columns read right to left, as PNG bytes."""
    from PIL import Image, ImageDraw, ImageFont

    size = 360
    red = (200, 30, 30, 255)
    image = Image.new("RGBA", (size, size), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.rectangle([12, 12, size - 12, size - 12], outline=red, width=18)
    font = ImageFont.truetype(str(FONT_FILE), 140)
    for column, text in ((1, "育成"), (0, "塾印")):
        for row, char in enumerate(text):
            draw.text((40 + column * 150, 30 + row * 150), char, font=font, fill=red)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _alumni_users():
    User = get_user_model()
    password = make_password(DEMO_PASSWORD)
    users = []
    for email, name, reading, _company, _line in ALUMNI:
        users.append(
            User.objects.create(
                email=email,
                last_name=name.split()[0],
                first_name=name.split()[1],
                display_name=name,
                name_reading=reading,
                password=password,
                preferred_language="ja",
            )
        )
    from allauth.account.models import EmailAddress

    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users]
    )
    return users


def _past_cohort(context, seal):
    cohort = Cohort.objects.create(
        course=context.objects["course"],
        name="2025 第0期",
        starts_on=date(2025, 4, 1),
        ends_on=date(2026, 3, 31),
        status=Cohort.Status.FINISHED,
    )
    rule = CompletionRule(cohort=cohort, min_attendance=0, pass_mark=60, signatory=SIGNATORY)
    rule.seal.save("seal", ContentFile(seal), save=False)
    rule.save()
    memberships = [
        Membership.objects.create(user=user, cohort=cohort, role=Membership.Role.TRAINEE)
        for user in _alumni_users()
    ]
    confirmed_at = timezone.make_aware(datetime(2026, 3, 20, 15, 0))
    for membership in memberships[:COMPLETED]:
        confirm_completion(actor=context.staff, membership=membership, moment=confirmed_at)
    for membership, (_email, _name, _reading, company, line) in zip(
        memberships[:LISTED], ALUMNI, strict=False
    ):
        list_in_directory(actor=membership.user, membership=membership, company=company, line=line)
    Cohort.objects.filter(pk=cohort.pk).update(status=Cohort.Status.ARCHIVED)
    return cohort


def _running_rules(context, seal):
    cohort = context.objects["cohort"]
    rule = CompletionRule(cohort=cohort, min_attendance=80, pass_mark=60, signatory=SIGNATORY)
    rule.seal.save("seal", ContentFile(seal), save=False)
    rule.save()
    first = Assignment.objects.filter(cohort=cohort).order_by("due_at", "pk").first()
    if first is not None:
        rule.required_assignments.add(first)
    last = Session.objects.filter(cohort=cohort).order_by("-starts_at", "-pk").first()
    if last is not None:
        rule.required_sessions.add(last)
    return rule


def seed(context):
    seal = seal_png()
    cohort = _past_cohort(context, seal)
    _running_rules(context, seal)
    context.objects["past_cohort"] = cohort
    context.say(f"past cohort {cohort.name}: {len(ALUMNI)} alumni, {COMPLETED} certificates")
