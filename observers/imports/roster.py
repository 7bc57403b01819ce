"""The observer roster from a spreadsheet: accounts and memberships of the coordinator's mission, teams by code.

New people get an account with an unusable password (they sign in by a one-time link). A re-import updates
people by e-mail address; people without one are matched by full name. An import never attaches an account another
mission (or an administrator) holds: its coordinator would see and manage it. Such a row is refused, in words that
name neither the account nor its mission.
"""

from functools import partial

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Lower
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mission.imports import cells
from mission.imports.rows import (
    Changes,
    Field,
    ImportPlan,
    Mapping,
    Record,
    RowChecker,
    RowRejected,
    Tally,
    plan_and_apply,
)
from mission.imports.tabular import Table
from mission.models import Mission
from observers.models import CORE_ROLES, Observer, Role, Team

ROLE_SPELLINGS = {
    **dict.fromkeys(("coordinator", "co-ordinator", "lto coordinator", "координатор"), Role.COORDINATOR),
    **dict.fromkeys(("analyst", "core team", "core team analyst", "аналитик"), Role.ANALYST),
    **dict.fromkeys(("media monitor", "monitor", "медиамонитор", "монитор СМИ"), Role.MEDIA_MONITOR),
    **dict.fromkeys(
        (
            "lto",
            "ltos",
            "long-term observer",
            "long term observer",
            "longterm observer",
            "long-term",
            "ДНБ",
            "долгосрочный наблюдатель",
        ),
        Role.LTO,
    ),
    **dict.fromkeys(
        (
            "sto",
            "stos",
            "short-term observer",
            "short term observer",
            "shortterm observer",
            "short-term",
            "КНБ",
            "краткосрочный наблюдатель",
        ),
        Role.STO,
    ),
}
OBSERVER_VALUES = ("full_name", "role", "gender", "nationality", "languages", "email", "phone")

FIELDS = (
    Field(
        "full_name",
        gettext_lazy("Full name"),
        cells.text(max_length=200, required=True),
        required=True,
        aliases=("name", "observer", "observer_name"),
    ),
    Field(
        "role",
        gettext_lazy("Role"),
        cells.choice(
            ROLE_SPELLINGS,
            accepted="coordinator, analyst, LTO (long-term observer), STO (short-term observer), media monitor",
        ),
        required=True,
        aliases=("function", "category"),
    ),
    Field("gender", gettext_lazy("Gender"), cells.text(max_length=16), aliases=("sex",)),
    Field("nationality", gettext_lazy("Nationality"), cells.text(max_length=64), aliases=("citizenship", "country")),
    Field("languages", gettext_lazy("Languages"), cells.text(max_length=200), aliases=("language",)),
    Field("email", gettext_lazy("E-mail"), cells.email, aliases=("e_mail", "mail", "email_address")),
    Field(
        "phone",
        gettext_lazy("Phone"),
        cells.text(max_length=40),
        aliases=("telephone", "mobile", "phone_number", "tel"),
    ),
    Field("team", gettext_lazy("Team code"), cells.text(max_length=32), aliases=("team_code",)),
)
USERNAME_LENGTH = 150


def roster_import(
    *, mission: Mission, table: Table, mapping: Mapping, dry_run: bool = False, expected: list[int] | None = None
) -> ImportPlan:
    """Creates and updates the mission's observers, their accounts and teams from a table; all or nothing.
    `expected` (a preview's counts) refuses a plan that came out otherwise."""
    build = partial(roster_changes, mission=mission, table=table, mapping=mapping)
    return plan_and_apply(build=build, dry_run=dry_run, expected=expected)


def roster_changes(*, mission: Mission, table: Table, mapping: Mapping) -> tuple[ImportPlan, Changes]:
    checker = RowChecker(table=table, mapping=mapping, fields=FIELDS)
    records = checker.unique(checker.records(), key=lambda r: r.values.get("email"), field_name="email")
    records = checker.unique(records, key=_name_key_without_email, field_name="full_name")
    members = _Members(mission, records=records)
    teams = _Teams(mission)
    values = [name for name in OBSERVER_VALUES if name in mapping]
    tally = Tally()
    for record in records:
        try:
            observer = members.observer_for(record, checker)
            wanted = {name: record.values[name] for name in values}
            if "team" in mapping:
                wanted["team"] = teams.resolve(record, checker)
        except RowRejected:
            continue
        tally.add(observer, wanted)
    plan = checker.plan(**tally.counts())
    plan.notes = [(_("accounts to create"), len(members.new_users)), (_("teams to create"), len(teams.new))]
    changes = Changes(
        creates=[members.new_users, teams.new, tally.created],
        updates=[(tally.updated, [*values, *(["team"] if "team" in mapping else [])])],
    )
    return plan, changes


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _name_key_without_email(record: Record) -> str:
    return "" if record.values.get("email") else _name_key(record.values["full_name"])


class _Members:
    """The mission's observers by e-mail and by name, and the accounts for people new to the mission.

    A row with an e-mail address matches the member with that address (their own or their account's), else a
    member with the same name and no address at all: a roster first imported without addresses can be completed.
    """

    def __init__(self, mission: Mission, *, records: list[Record]):
        self.mission = mission
        self.by_email, self.by_name = {}, {}
        for observer in mission.observers.select_related("user"):
            emails = {observer.email.lower(), observer.user.email.lower()} - {""}
            for email in emails:
                self.by_email.setdefault(email, observer)
            if not emails:
                self.by_name.setdefault(_name_key(observer.full_name), observer)
        newcomers = [record for record in records if self._match(record) is None]
        emails = {record.values["email"] for record in newcomers if record.values.get("email")}
        self.accounts: dict[str, list] = {}
        held_elsewhere = Exists(Observer.objects.filter(user=OuterRef("pk")).exclude(mission=mission))
        users = get_user_model().objects.annotate(
            email_lower=Lower("email"), foreign=held_elsewhere | Q(is_staff=True) | Q(is_superuser=True)
        )
        for user in users.filter(email_lower__in=emails):
            self.accounts.setdefault(user.email_lower, []).append(user)
        self.usernames = _Usernames(
            [
                record.values.get("email") or record.values["full_name"]
                for record in newcomers
                if record.values.get("email") not in self.accounts
            ]
        )
        self.new_users: list = []
        self.claimed: dict[int, int] = {}  # observer id -> the row that matched it

    def _match(self, record: Record) -> Observer | None:
        email = record.values.get("email")
        return (email and self.by_email.get(email)) or self.by_name.get(_name_key(record.values["full_name"]))

    def observer_for(self, record: Record, checker: RowChecker) -> Observer:
        observer = self._match(record)
        if observer is None:
            return Observer(mission=self.mission, user=self._account_for(record, checker))
        if observer.pk in self.claimed:
            raise checker.rejected(
                record.row,
                "full_name",
                _("This is the same person as row %(row)s.") % {"row": self.claimed[observer.pk]},
            )
        self.claimed[observer.pk] = record.row
        return observer

    def _account_for(self, record: Record, checker: RowChecker):
        """An existing account with the row's e-mail that no other mission holds (someone whose earlier mission was
        deleted), or a new one."""
        email = record.values.get("email", "")
        accounts = self.accounts.get(email, [])
        if any(account.foreign for account in accounts):
            raise checker.rejected(
                record.row,
                "email",
                _(
                    "This e-mail address belongs to an account this mission cannot manage, so it cannot be added "
                    "from here. Give this person another e-mail address, or leave it blank for a new account; "
                    "to use the existing account, ask an administrator."
                ),
            )
        if len(accounts) > 1:
            raise checker.rejected(
                record.row, "email", _("Several accounts use this e-mail address; ask an administrator to merge them.")
            )
        if accounts:
            return accounts[0]
        username = self.usernames.claim(email or record.values["full_name"])
        user = get_user_model()(username=username, email=email, password=make_password(None))
        self.new_users.append(user)
        return user


def _username_base(source: str) -> str:
    """The e-mail address, else the name ("Айгүл Сейітова" -> "айгүл.сейітова"), leaving room for a counter."""
    base = source if "@" in source else slugify(source, allow_unicode=True).replace("-", ".")
    return base[: USERNAME_LENGTH - 4] or "observer"


class _Usernames:
    """Unique usernames, with a counter when one is taken; one query for all, one more per clash."""

    def __init__(self, sources: list[str]):
        bases = {_username_base(source) for source in sources}
        self.users = get_user_model().objects
        self.taken = set(self.users.filter(username__in=bases).values_list("username", flat=True))
        self.searched: set[str] = set()

    def claim(self, source: str) -> str:
        base = username = _username_base(source)
        if base in self.taken and base not in self.searched:
            self.taken.update(self.users.filter(username__startswith=base).values_list("username", flat=True))
            self.searched.add(base)
        counter = 1
        while username in self.taken:
            counter += 1
            username = f"{base}{counter}"
        self.taken.add(username)
        return username


class _Teams:
    """The mission's teams by code; a new code makes a team of the kind its first member's role calls for."""

    def __init__(self, mission: Mission):
        self.mission = mission
        self.by_code = {team.code: team for team in Team.objects.filter(mission=mission)}
        self.new: list[Team] = []

    def resolve(self, record: Record, checker: RowChecker) -> Team | None:
        code, role = record.values["team"], record.values["role"]
        if not code:
            return None
        if role in CORE_ROLES or role == Role.MEDIA_MONITOR:
            raise checker.rejected(
                record.row,
                "team",
                _("Coordinators, analysts and media monitors are not in an observer team; leave this blank."),
            )
        kind = Team.Kind.LTO if role == Role.LTO else Team.Kind.STO
        team = self.by_code.get(code)
        if team is None:
            team = self.by_code[code] = Team(mission=self.mission, code=code, kind=kind)
            self.new.append(team)
        elif team.kind != kind:
            raise checker.rejected(
                record.row,
                "team",
                _("Team %(code)s is a %(kind)s team; a %(role)s cannot join it.")
                % {"code": code, "kind": team.get_kind_display().lower(), "role": Role(role).label.lower()},
            )
        return team
