"""The annexes drawn from data: the follow-up of the previous report's recommendations (`followup`), the
observers by nationality with the count of OSCE participating States (`observers`), the meetings held by category
of interlocutor with the organisations met (`meetings_held`), and the long-term teams deployed (`teams`). Worded in
the report's language by annex_texts.py; names of places and bodies in it, English where none is written."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from mission.followup.models import Implementation
from observers.models import Role
from reports.documents import texts as rt
from reports.documents.annex_selectors import (
    lto_teams_deployed,
    meetings_by_category,
    observers_by_nationality,
    organisations_met,
)
from reports.documents.annex_texts import annex_texts
from reports.documents.annex_texts import counted as annex_counted
from reports.documents.osce import state_code, state_name
from reports.documents.record_blocks import _table
from reports.documents.record_texts import record_texts
from reports.followup.selectors import implementation_counts, prior_recommendations

if TYPE_CHECKING:
    from reports.documents.blocks import BlockContext


def _counted(language: str, key: str, n: int) -> str:
    """ "12 observers" where the language words the count with its noun; the bare number where the sentence
    carries the noun itself (Kazakh, and the Russian "…: 12")."""
    return annex_counted(language, key, n) if key in annex_texts(language) else rt.number(language, n)


def followup_block(ctx: BlockContext) -> str:
    language, t = ctx.language, annex_texts(ctx.language)
    counts = implementation_counts(mission=ctx.mission)
    total = sum(counts.values())
    if not total:
        return _table(empty=t["followup_none"])
    lead = t["followup_lead"].format(
        recommendations=_counted(language, "recommendations", total),
        n=rt.number(language, total),
        **{grade: rt.number(language, counts[grade]) for grade in Implementation.values},
    )
    if counts[""]:
        lead += " " + t["followup_pending"].format(n=rt.number(language, counts[""]))
    rows = [
        [
            f"{r.number} ({t['priority']})" if r.priority else r.number,
            r.in_language("text", language),
            t["grades"][r.implementation],
            r.in_language("note", language) or "–",
        ]
        for r in prior_recommendations(mission=ctx.mission)
    ]
    columns = (t["col_number"], t["col_recommendation"], t["col_implemented"], t["col_note"])
    return _table(lead=lead, caption=t["followup_caption"], columns=columns, rows=rows, text_columns=4)


ROLE_COLUMNS = {Role.COORDINATOR: 0, Role.ANALYST: 0, Role.LTO: 1, Role.STO: 2}


def observers_block(ctx: BlockContext) -> str:
    """One row per country (a participating State by its name in the report's language; any other nationality as
    written; none given last), by the number of observers, then name."""
    language, t = ctx.language, annex_texts(ctx.language)
    by_country: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for row in observers_by_nationality(mission=ctx.mission):
        code = state_code(row["nationality"])
        key = ("state", code) if code else ("other", row["nationality"].strip())
        by_country[key][ROLE_COLUMNS[row["role"]]] += row["n"]
    if not by_country:
        return _table(empty=t["observers_none"])

    def name(key: tuple[str, str]) -> str:
        what, value = key
        return state_name(value, language) if what == "state" else (value or t["not_given"])

    ordered = sorted(by_country.items(), key=lambda item: (not item[0][1], -sum(item[1]), name(item[0])))
    rows = [
        [name(key), *(rt.number(language, n) for n in counts), rt.number(language, sum(counts))]
        for key, counts in ordered
    ]
    totals = [sum(counts[i] for counts in by_country.values()) for i in range(3)]
    rows.append([t["total"], *(rt.number(language, n) for n in totals), rt.number(language, sum(totals))])
    observers, states = sum(totals), sum(1 for what, _value in by_country if what == "state")
    lead = t["observers_lead"].format(
        observers=_counted(language, "observers", observers),
        states=_counted(language, "states", states),
        n=rt.number(language, observers),
        m=rt.number(language, states),
    )
    if any(what == "other" and value for what, value in by_country):
        lead += " " + t["observers_other"]
    columns = (t["col_country"], t["col_core"], t["col_lto"], t["col_sto"], t["col_total"])
    return _table(lead=lead, caption=t["observers_caption"], columns=columns, rows=rows)


def meetings_held_block(ctx: BlockContext) -> str:
    language, t = ctx.language, annex_texts(ctx.language)
    categories = record_texts(language)["categories"]
    meetings, rows = meetings_by_category(mission=ctx.mission)
    if not meetings:
        return _table(empty=t["meetings_none"])
    met: dict[str, list[str]] = defaultdict(list)
    for organisation in organisations_met(mission=ctx.mission):
        met[organisation.category].append(organisation.label(language))
    lead = t["meetings_lead"].format(
        meetings=_counted(language, "meetings", meetings),
        organisations=_counted(language, "organisations", sum(len(names) for names in met.values())),
    )
    columns = (t["col_category"], t["col_meetings"], t["col_organisations"])
    table_rows = [
        [
            categories.get(row["category"], row["category"]),
            rt.number(language, row["meetings"]),
            rt.number(language, row["organisations"]),
        ]
        for row in rows
    ]
    parts = [_table(lead=lead, caption=t["meetings_caption"], columns=columns, rows=table_rows)]
    for row in rows:
        category = categories.get(row["category"], row["category"])
        parts.append(
            _table(
                caption=t["met_caption"].format(category=category),
                columns=(t["col_organisations"],),
                rows=[[name] for name in met[row["category"]]],
            )
        )
    return "".join(parts)


def teams_block(ctx: BlockContext) -> str:
    language, t = ctx.language, annex_texts(ctx.language)
    teams = lto_teams_deployed(mission=ctx.mission)
    if not teams:
        return _table(empty=t["teams_none"])
    rows = [
        [
            row["team"].code,
            row["team"].base_city or "–",
            ", ".join(region.label(language) for region in row["regions"]) or "–",
            rt.number(language, row["sto_teams"]),
            rt.number(language, row["stations"]),
        ]
        for row in teams
    ]
    columns = (t["col_team"], t["col_base"], t["col_area"], t["col_sto_teams"], t["col_stations_observed"])
    return _table(caption=t["teams_caption"], columns=columns, rows=rows, text_columns=3)
