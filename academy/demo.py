"""Demo data shared by every app's seeder: the documented accounts.

The accounts are a contract (README): staff@example.com, mentor1… and trainee1…, all with the
password demo-pass-2026. Apps add their own data in `<app>/demo.py: seed(context)`.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

DEMO_PASSWORD = "demo-pass-2026"

FAMILY_NAMES = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤",
                "吉田", "山田", "佐々木", "山口", "松本", "井上", "木村", "林", "斎藤", "清水"]  # fmt: skip
GIVEN_NAMES = ["健太", "翔太", "美咲", "大輔", "陽菜", "拓也", "彩", "直樹", "結衣", "亮",
               "真由", "誠", "恵", "浩二", "里奈", "悠斗", "千尋", "一郎", "葵", "修"]  # fmt: skip


@dataclass
class DemoContext:
    trainees: int = 9
    mentors: int = 3
    assignments: int = 4
    sessions: int = 6
    stdout: object = None
    staff: object = None
    mentor_users: list = field(default_factory=list)
    trainee_users: list = field(default_factory=list)
    objects: dict = field(default_factory=dict)

    def say(self, message):
        if self.stdout is not None:
            self.stdout.write(message)


MENTOR_FAMILY_NAMES = ["石井", "森", "池田", "橋本", "阿部", "山崎", "中島", "石川", "前田", "藤田",
                       "岡田", "後藤", "長谷川", "村上", "近藤", "石田", "坂本", "遠藤", "青木", "藤井"]  # fmt: skip


READINGS = dict(zip(
    FAMILY_NAMES + GIVEN_NAMES + MENTOR_FAMILY_NAMES,
    ["サトウ", "スズキ", "タカハシ", "タナカ", "イトウ", "ワタナベ", "ヤマモト", "ナカムラ",
     "コバヤシ", "カトウ", "ヨシダ", "ヤマダ", "ササキ", "ヤマグチ", "マツモト", "イノウエ",
     "キムラ", "ハヤシ", "サイトウ", "シミズ",
     "ケンタ", "ショウタ", "ミサキ", "ダイスケ", "ヒナ", "タクヤ", "アヤ", "ナオキ", "ユイ",
     "リョウ", "マユ", "マコト", "メグミ", "コウジ", "リナ", "ユウト", "チヒロ", "イチロウ",
     "アオイ", "オサム",
     "イシイ", "モリ", "イケダ", "ハシモト", "アベ", "ヤマザキ", "ナカジマ", "イシカワ",
     "マエダ", "フジタ", "オカダ", "ゴトウ", "ハセガワ", "ムラカミ", "コンドウ", "イシダ",
     "サカモト", "エンドウ", "アオキ", "フジイ"],
    strict=True,
))  # fmt: skip


def reading_of(family, given):
    """The demo name's reading (フリガナ): サトウ ケンタ."""
    return f"{READINGS[family]} {READINGS[given]}"


def person_name(index, *, mentor=False):
    """A distinct Japanese (family, given) name for each index below 400, per role."""
    families = MENTOR_FAMILY_NAMES if mentor else FAMILY_NAMES
    family = families[index % len(families)]
    given = GIVEN_NAMES[(index + index // len(families)) % len(GIVEN_NAMES)]
    return family, given


def seed(context):
    User = get_user_model()
    password = make_password(DEMO_PASSWORD)  # hash once: 300 trainees stay fast
    context.staff = User.objects.create(
        email="staff@example.com",
        display_name="事務局 佐藤",
        last_name="佐藤",
        first_name="花子",
        name_reading="サトウ ハナコ",
        is_staff=True,
        is_superuser=True,
        password=password,
        preferred_language="ja",
    )
    people = []
    for number in range(1, context.mentors + 1):
        family, given = person_name(number - 1, mentor=True)
        people.append(
            User(
                email=f"mentor{number}@example.com",
                last_name=family,
                first_name=given,
                display_name=f"{family} {given}",
                name_reading=reading_of(family, given),
                password=password,
            )
        )
    for number in range(1, context.trainees + 1):
        family, given = person_name(number - 1)
        people.append(
            User(
                email=f"trainee{number}@example.com",
                last_name=family,
                first_name=given,
                display_name=f"{family} {given}",
                name_reading=reading_of(family, given),
                password=password,
            )
        )
    User.objects.bulk_create(people, batch_size=500)
    by_email = {u.email: u for u in User.objects.filter(email__in=[p.email for p in people])}
    context.mentor_users = [
        by_email[f"mentor{n}@example.com"] for n in range(1, context.mentors + 1)
    ]
    context.trainee_users = [
        by_email[f"trainee{n}@example.com"] for n in range(1, context.trainees + 1)
    ]
    _verify_emails([context.staff, *context.mentor_users, *context.trainee_users])
    context.say(f"accounts: 1 staff, {context.mentors} mentors, {context.trainees} trainees")


def _verify_emails(users):
    """allauth asks for a confirmed address; the demo accounts come confirmed."""
    from allauth.account.models import EmailAddress

    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users],
        batch_size=500,
    )
