"""Demo meeting log. Runs after cohorts.demo.

2026 第1期: a monthly meeting for trainee1–6 with their mentor (mentor1: 1–3, mentor2: 4–6)
over the cohort's year so far (at least three months, at most twelve, the latest one to three
weeks ago), with believable agendas, notes and decisions, and action items: those of earlier
meetings done, those of the latest one open (one of them past due for trainee1, 2 and 4),
one mentor-owned. trainee6's latest meeting is eight weeks ago, so staff's "today" flags
them (the cohort's policy: six weeks). A few confidential view log rows show staff's page.
"""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from cohorts.mentoring.models import ActionItem, Meeting, MentoringPolicy
from cohorts.models import ConfidentialView

TRADES = ["酒蔵", "工務店", "金属加工", "水産加工", "旅館", "運送"]
TOPICS = [
    (
        "初回面談：承継の現状と一年の目標",
        "家業（{trade}）の沿革と、現社長（父）の承継への考えを伺った。本人は入社{years}年目。"
        "「いつ・何を・どう引き継ぐか」がまだ家族の間で話されていない。",
        "一年の目標を「事業承継計画書を父と合意できる形にする」とする。",
        ["会社の沿革と組織図を一枚にまとめる", "父に本塾の受講を改めて伝える"],
    ),
    (
        "自社の強み・弱みの棚卸し",
        "SWOTを一緒に書き出した。強みは地域での信用と熟練の職人。弱みは受注の偏りと"
        "デジタル化の遅れ。",
        "強みの根拠を数字で示せるようにする。",
        ["主要取引先上位10社の売上構成を出す"],
    ),
    (
        "決算書の読み方と自社の財務",
        "直近3期の決算書を読み合わせた。借入金の返済計画と、役員借入金の扱いが論点。",
        "次回までに顧問税理士と財務の論点を確認する。",
        ["顧問税理士と面談の日程を取る", "3期分の損益の推移をグラフにする"],
    ),
    (
        "現社長との対話の進め方",
        "父との会話が仕事の指示に偏っている。承継の話題を切り出す場として、月1回の"
        "「経営の話をする食事」を提案した。",
        "まず母と姉に相談し、家族の場を設ける。",
        ["家族の話し合いの場を設定する"],
    ),
    (
        "幹部社員との関係づくり",
        "古参の工場長との関係に不安がある。役割を尊重し、相談する形で関わることを確認した。",
        "工場長と週1回の打ち合わせを始める。",
        ["工場長との定例打ち合わせを始める"],
    ),
    (
        "株式の移転と相続の基礎",
        "自社株の評価と、事業承継税制（特例措置）の概要を説明した。兄弟への配慮も論点。",
        "税理士同席の面談を設定する。",
        ["自社株の評価額の試算を税理士に依頼する"],
    ),
    (
        "金融機関との関係と個人保証",
        "メインバンクの担当者と後継者として面会する時期を相談した。経営者保証の解除も話題に。",
        "決算説明に同席させてもらうよう父に頼む。",
        ["メインバンクの決算説明に同席する"],
    ),
    (
        "事業承継計画書の骨子",
        "計画書の章立てを確認。現状分析は進んでいるが、後継者としてのビジョンが弱い。",
        "ビジョンを一段落で書いてくる。",
        ["後継者のビジョンを一段落で書く", "承継の時期の案を三つ出す"],
    ),
    (
        "中期経営計画と後継者のビジョン",
        "書いてきたビジョンを読み合わせた。「地域の{trade}を次の世代に残す」という軸は明確。"
        "数値計画との結びつきを強めたい。",
        "3年後の売上と利益の目標を置く。",
        ["3か年の数値計画の素案を作る"],
    ),
    (
        "承継の時期と役員体制",
        "父の意向は「3年後に代表権を譲る」。それまでの役員体制と、本人の肩書きを相談した。",
        "来期から取締役に就く方向で父と話す。",
        ["役員体制の案を父に示す"],
    ),
    (
        "計画書の最終確認",
        "計画書全体を読み合わせた。利害関係者（社員・金融機関・取引先）への伝え方が残る。",
        "社員への説明の順番を決める。",
        ["社員向け説明の原稿を作る"],
    ),
    (
        "一年の振り返り",
        "一年で父との対話が進み、計画書を家族で共有できた。修了後も半年ごとに面談を続ける。",
        "修了後の面談を半年ごとに行う。",
        ["修了発表の資料を仕上げる"],
    ),
]
PLACES = ["仙台商工会議所 相談室", "会社の応接室"]


def _months(cohort, now):
    """How many monthly meetings the year so far holds (3 to 12)."""
    start = cohort.starts_on
    today = timezone.localdate(now)
    elapsed = (today.year - start.year) * 12 + today.month - start.month
    return max(3, min(12, elapsed))


def _meetings(trainees, mentors, now, count):
    rows = []
    for number, membership in enumerate(trainees, start=1):
        mentor = mentors[membership.pk]
        latest = timezone.localtime(now).replace(
            hour=18, minute=0, second=0, microsecond=0
        ) - timedelta(days=7 + 3 * number)
        if number == 6:
            latest -= timedelta(weeks=6)  # eight weeks or so: staff's today flags them
        for index in range(count):
            held = latest - timedelta(days=30 * (count - 1 - index))
            title, notes, decisions, _items = TOPICS[index]
            online = index % 3 == 2
            is_latest = index == count - 1
            meeting = Meeting(
                trainee=membership,
                recorded_by=membership.user if index % 4 == 3 else mentor.user,
                updated_by=membership.user if index % 4 == 3 else mentor.user,
                held_at=held,
                mode=Meeting.Mode.ONLINE if online else Meeting.Mode.IN_PERSON,
                place="Zoom" if online else PLACES[index % 2],
                agenda=title if index == 0 else f"{title}\n前回の宿題の確認",
                notes="".join(
                    f"<p>{part}。</p>"
                    for part in notes.format(trade=TRADES[number - 1], years=2 + number).split("。")
                    if part
                ),
                decisions=decisions.format(trade=TRADES[number - 1]),
                next_meeting_on=timezone.localdate(held)
                + timedelta(days=30 if not is_latest else 28),
            )
            meeting.demo = (number, index, is_latest, mentor)
            rows.append(meeting)
    created = Meeting.objects.bulk_create(rows, batch_size=500)
    for meeting, row in zip(created, rows, strict=True):
        meeting.demo = row.demo
    return created


def _items(meetings, now):
    today = timezone.localdate(now)
    rows = []
    for meeting in meetings:
        number, index, is_latest, mentor = meeting.demo
        texts = TOPICS[index][3]
        held_on = timezone.localdate(meeting.held_at)
        for position, text in enumerate(texts):
            due = held_on + timedelta(days=21)
            owner = meeting.trainee
            item = ActionItem(meeting=meeting, text=text, owner=owner, position=position)
            if is_latest:
                # Past due for trainee1, 2 and 4 (the first item); the rest due ahead.
                item.due_on = (
                    today - timedelta(days=3)
                    if position == 0 and number in (1, 2, 4)
                    else today + timedelta(days=10 + position * 4)
                )
            else:
                item.due_on = due
                item.done_at = meeting.held_at + timedelta(days=10 + position)
                item.done_by = owner.user
            rows.append(item)
        if is_latest:
            rows.append(
                ActionItem(
                    meeting=meeting,
                    text="事業承継に詳しい税理士を紹介する",
                    owner=mentor,
                    due_on=today + timedelta(days=7),
                    position=len(texts),
                )
            )
    ActionItem.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def _views(context, meetings, now):
    """A few rows of the confidential view log: mentors and staff reading notes."""
    kind = ContentType.objects.get_for_model(Meeting)
    rows = []
    for meeting in meetings:
        number, index, is_latest, mentor = meeting.demo
        if not is_latest and index % 3:
            continue
        for viewer, hours in ((mentor.user, 2), (context.staff, 39)):
            if viewer is None or (viewer == context.staff and not is_latest):
                continue
            rows.append(
                ConfidentialView(
                    trainee=meeting.trainee,
                    viewer=viewer,
                    viewer_name=viewer.get_full_name() or viewer.get_username(),
                    viewed_at=min(now, meeting.held_at + timedelta(hours=hours)),
                    content_type=kind,
                    object_id=str(meeting.pk),
                    object_repr=str(meeting),
                    path=f"/meetings/{meeting.pk}/",
                )
            )
    ConfidentialView.objects.bulk_create(rows)
    return len(rows)


def seed(context):
    now = timezone.now()
    cohort = context.objects["cohort"]
    MentoringPolicy.objects.create(cohort=cohort, gap_weeks=6)
    memberships = context.objects["trainee_memberships"][:6]
    mentors = {
        m.pk: mentor
        for m in memberships
        for mentor in [m.mentors.select_related("user").first()]
        if mentor is not None
    }
    trainees = [m for m in memberships if m.cohort_id == cohort.pk and m.pk in mentors]
    meetings = _meetings(trainees, mentors, now, _months(cohort, now))
    items = _items(meetings, now)
    views = _views(context, meetings, now)
    context.say(f"meetings: {len(meetings)}, action items: {items}, confidential views: {views}")
