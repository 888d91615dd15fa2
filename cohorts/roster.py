"""Roster CSV import: decode, check every row, preview, then save all rows or none.

Columns (a header row is required; English or Japanese headers, any order):

    email     メールアドレス   required
    name      氏名            required for a person without an account
    reading   フリガナ         the name's reading in kana (optional); fills a blank one
    role      役割            trainee / mentor (or 受講生 / メンター)
    mentors   担当メンター     trainees only: mentors' e-mails, separated by ";" (optional);
                              each must be a mentor of the cohort or a mentor row of the file
    language  言語            ja or en (optional, default ja)

The file may be UTF-8 (with or without BOM) or Shift_JIS (cp932, as Excel in Japan saves it).
"""

import csv
import io
import re
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from academy.forms import validate_one_line
from academy.readings import normalize_reading, validate_reading

from .models import Invitation, Membership
from .services import invitations as invitation_services
from .services import memberships as membership_services

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
COLUMNS = ["email", "name", "reading", "role", "mentors", "language"]
REQUIRED_COLUMNS = {"email", "role"}
HEADER_ALIASES = {
    "email": "email",
    "e-mail": "email",
    "メールアドレス": "email",
    "メール": "email",
    "name": "name",
    "氏名": "name",
    "名前": "name",
    "reading": "reading",
    "name reading": "reading",
    "フリガナ": "reading",
    "ふりがな": "reading",
    "よみがな": "reading",
    "読み": "reading",
    "role": "role",
    "役割": "role",
    "mentors": "mentors",
    "mentor": "mentors",
    "担当メンター": "mentors",
    "メンター": "mentors",
    "language": "language",
    "言語": "language",
}
ROLE_ALIASES = {
    "trainee": Membership.Role.TRAINEE,
    "受講生": Membership.Role.TRAINEE,
    "塾生": Membership.Role.TRAINEE,
    "mentor": Membership.Role.MENTOR,
    "メンター": Membership.Role.MENTOR,
}
LANGUAGES = {"": "ja", "ja": "ja", "日本語": "ja", "en": "en", "english": "en", "英語": "en"}
TEMPLATE_ROWS = [
    ["mentor@example.com", "山田 一郎", "ヤマダ イチロウ", "mentor", "", "ja"],
    ["trainee@example.com", "佐藤 健太", "サトウ ケンタ", "trainee", "mentor@example.com", "ja"],
]
MENTOR_SPLIT = re.compile(r"[;,、\s]+")


class RosterFileError(Exception):
    """The whole file is unreadable (encoding, header, size)."""


@dataclass
class RosterRow:
    line: int
    email: str
    name: str
    reading: str
    role: str
    mentor_emails: list
    language: str
    errors: list = field(default_factory=list)
    user: object = None

    @property
    def role_label(self):
        return Membership.Role(self.role).label if self.role in Membership.Role.values else ""

    @property
    def is_new_account(self):
        return self.user is None


@dataclass
class RosterPreview:
    cohort: object
    rows: list

    @property
    def errors(self):
        return [row for row in self.rows if row.errors]

    @property
    def is_valid(self):
        return bool(self.rows) and not self.errors

    @property
    def new_accounts(self):
        return sum(1 for row in self.rows if row.is_new_account)


def decode(data):
    """Text of an uploaded CSV: UTF-8 (BOM or not), else Shift_JIS (cp932)."""
    if len(data) > MAX_BYTES:
        raise RosterFileError(_("The file is too large (2 MB at most)."))
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise RosterFileError(_("The file is neither UTF-8 nor Shift_JIS text. Save it as CSV."))


def _read(text):
    rows = [row for row in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in row)]
    if not rows:
        raise RosterFileError(_("The file is empty."))
    header = [HEADER_ALIASES.get(cell.strip().lstrip("\ufeff").lower()) for cell in rows[0]]
    missing = REQUIRED_COLUMNS - set(header)
    if missing:
        raise RosterFileError(
            _("The header row must name the columns email and role (missing: %(columns)s).")
            % {"columns": ", ".join(sorted(missing))}
        )
    if len(rows) - 1 > MAX_ROWS:
        raise RosterFileError(
            _("The file has more than %(max)d rows: split it.") % {"max": MAX_ROWS}
        )
    for number, cells in enumerate(rows[1:], start=2):
        values = dict.fromkeys(COLUMNS, "")
        for name, cell in zip(header, cells, strict=False):
            if name:
                values[name] = cell.strip()
        yield number, values


def parse(text, cohort):
    """Check every row against the file and the database; nothing is saved."""
    User = get_user_model()
    raw = list(_read(text))
    emails = {values["email"].lower() for _line, values in raw}
    users = {
        user.email_lower: user
        for user in User.objects.annotate(email_lower=Lower("email")).filter(email_lower__in=emails)
    }
    members = set(
        Membership.objects.filter(cohort=cohort)
        .annotate(email_lower=Lower("user__email"))
        .values_list("email_lower", flat=True)
    )
    cohort_mentors = set(
        Membership.objects.filter(cohort=cohort, role=Membership.Role.MENTOR, is_active=True)
        .annotate(email_lower=Lower("user__email"))
        .values_list("email_lower", flat=True)
    )
    file_mentors = {
        values["email"].lower()
        for _line, values in raw
        if ROLE_ALIASES.get(values["role"].lower()) == Membership.Role.MENTOR
    }
    seen = {}
    rows = []
    for number, values in raw:
        email = values["email"].lower()
        row = RosterRow(
            line=number,
            email=email,
            name=values["name"],
            reading=normalize_reading(values["reading"]),
            role=ROLE_ALIASES.get(values["role"].lower(), ""),
            mentor_emails=[m.lower() for m in MENTOR_SPLIT.split(values["mentors"]) if m],
            language=LANGUAGES.get(values["language"].lower(), ""),
            user=users.get(email),
        )
        _check(row, values, seen, members, cohort_mentors | file_mentors)
        seen.setdefault(email, number)
        rows.append(row)
    return RosterPreview(cohort=cohort, rows=rows)


def _check(row, values, seen, members, mentors):
    try:
        validate_email(row.email)
    except ValidationError:
        row.errors.append(
            _("“%(value)s” is not a valid e-mail address.") % {"value": values["email"]}
        )
    if row.email in seen:
        row.errors.append(_("Duplicate of row %(line)d.") % {"line": seen[row.email]})
    elif row.email in members:
        row.errors.append(_("Already a member of this cohort."))
    if row.user is None and not row.name:
        row.errors.append(_("Enter a name for a person without an account."))
    try:
        validate_reading(values["reading"])
    except ValidationError as error:
        row.errors.extend(error.messages)
    try:
        validate_one_line(row.name)
    except ValidationError as error:
        row.errors.append(error.messages[0])
    if not row.role:
        row.errors.append(_("Role must be trainee or mentor (受講生 / メンター)."))
    if row.mentor_emails and row.role != Membership.Role.TRAINEE:
        row.errors.append(_("Only trainees are paired with mentors."))
    elif row.role == Membership.Role.TRAINEE:
        unknown = [m for m in row.mentor_emails if m not in mentors]
        if unknown:
            row.errors.append(
                _("Unknown mentor: %(emails)s (not a mentor of this cohort or of this file).")
                % {"emails": ", ".join(unknown)}
            )
    if not row.language:
        row.errors.append(_("Language must be ja or en."))


@transaction.atomic
def save(preview, *, invited_by=None):
    """Create the accounts, memberships, pairings and invitations: all rows or none.

    Raises ValueError when the preview has errors. E-mails go out after the commit.
    """
    if not preview.is_valid:
        raise ValueError("A roster with errors cannot be saved.")
    cohort = preview.cohort
    User = get_user_model()
    new_users, readings = [], []
    for row in preview.rows:
        if row.user is None:
            user = User(
                email=row.email,
                display_name=row.name,
                name_reading=row.reading,
                preferred_language=row.language,
            )
            user.set_unusable_password()
            new_users.append(user)
            row.user = user
        elif row.reading and not row.user.name_reading:
            row.user.name_reading = row.reading
            readings.append(row.user)
    User.objects.bulk_create(new_users, batch_size=500)
    User.objects.bulk_update(readings, ["name_reading"], batch_size=500)
    users = {row.email: row.user for row in preview.rows}
    mentors = {
        m.user.email.lower(): m.user
        for m in Membership.objects.filter(cohort=cohort).mentors().active().select_related("user")
    } | {row.email: row.user for row in preview.rows if row.role == Membership.Role.MENTOR}
    memberships = membership_services.add_members_in_bulk(
        actor=invited_by,
        cohort=cohort,
        people=[(row.user, row.role) for row in preview.rows],
        pairs=[
            (users[row.email], mentors[email])
            for row in preview.rows
            for email in dict.fromkeys(row.mentor_emails)
        ],
        reason=gettext("Roster import"),
    )
    invitations = []
    for membership in memberships:
        if invitation_services.needs_password(membership.user):
            invitation, token = Invitation.build(membership, invited_by=invited_by)
            invitations.append((invitation, token))
        else:
            invitation_services.notify(membership, invited_by=invited_by)
    Invitation.objects.bulk_create([inv for inv, _token in invitations], batch_size=500)
    for invitation, token in invitations:
        invitation_services.queue_invitation_email(invitation, token)
    return memberships
