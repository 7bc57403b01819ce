"""The blocks drawn from the official results: the results annex (lists and seats per list, single-mandate
districts, turnout and invalid ballots; the commission's own national and district totals where it published them,
with a note on each that is not the sum of its stations), the turnout chart (published against observed) with a
table by region and hour, and the protocols copied by
observers against the published results (the headline sentence and the table by region with every station that
differed). Worded in the report's language by reports/results/texts.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.template.loader import render_to_string

from mission.clock import zone_label
from mission.models import Region
from mission.results.imports import TURNOUT_HOURS
from mission.results.lines import BY_CODE
from reports.documents import texts as rt
from reports.documents.render.charts import Bar, bar_chart
from reports.results import texts as results_texts
from reports.results.comparison import counts_compared, headline_of
from reports.results.selectors import official_results, turnout_by_hour_compared, turnout_by_region_and_hour

if TYPE_CHECKING:
    from reports.documents.blocks import BlockContext

PUBLISHED_COLOUR, OBSERVED_COLOUR = "#2c5d8f", "#d9822b"


def _paragraphs(paragraphs: list[str]) -> str:
    return render_to_string("documents/blocks/paragraphs.html", {"paragraphs": paragraphs})


def _percent(value: int | None) -> str:
    return "–" if value is None else str(value)


def protocols_headline_block(ctx: BlockContext) -> str:
    t, language = results_texts.texts(ctx.language), ctx.language
    counts = counts_compared(mission=ctx.mission)
    headline = headline_of(counts)
    if not headline.compared:
        return _paragraphs([t["protocols_none"]])
    observed = {count.station_id for count in counts}
    not_posted = {count.station_id for count in counts if count.facts["protocol_posted"] == "no"}
    paragraphs = [
        t["protocols_headline"].format(
            k=rt.number(language, headline.differing), stations=results_texts.stations(language, headline.compared)
        )
    ]
    if not_posted:
        paragraphs.append(
            t["protocols_not_posted"].format(
                k=rt.number(language, len(not_posted)), stations=results_texts.stations(language, len(observed))
            )
        )
    return _paragraphs(paragraphs)


def protocols_block(ctx: BlockContext) -> str:
    t, language = results_texts.texts(ctx.language), ctx.language
    counts = counts_compared(mission=ctx.mission)
    headline = headline_of(counts)
    regions = {region.pk: region for region in Region.objects.filter(mission=ctx.mission)}
    contestants = {c.code: c.label(language) for c in ctx.mission.contestants.all()}
    by_region = [
        {"name": regions[pk].label(language), "compared": compared, "differed": differed}
        for pk, (differed, compared) in sorted(headline.by_region.items(), key=lambda item: regions[item[0]].code)
    ]
    differing = [
        {
            "station": f"{count.station_code} {count.station_name}",
            "region": regions[count.region_id].label(language),
            "lines": [
                {
                    "label": BY_CODE[row.code].label(language) if row.code in BY_CODE else contestants.get(row.code),
                    "copied": rt.number(language, row.observed),
                    "published": rt.number(language, row.published),
                    "difference": f"{row.difference:+d}",
                }
                for row in count.rows
                if row.difference
            ],
        }
        for count in counts
        if count.differs
    ]
    return render_to_string("documents/blocks/protocols.html", {"t": t, "by_region": by_region, "differing": differing})


def results_block(ctx: BlockContext) -> str:
    t, language = results_texts.texts(ctx.language), ctx.language
    results = official_results(mission=ctx.mission)
    if results is None:
        return _paragraphs([t["results_none"]])
    districts = []
    for race in results.districts:
        if race.second_round:
            outcome = t["second_round"].format(
                names=", ".join(c.contestant.label(language) for c in race.candidates[:2])
            )
        elif race.winner:
            outcome = t["elected"].format(name=race.winner.contestant.label(language), percent=race.winner.percent)
        else:
            outcome = "–"
        name = race.district_name.get(language) or race.district_name["en"]
        districts.append({"name": name, "outcome": outcome})
    source = t["results_source"].format(
        source=results.results_import.source_label(language),
        date=rt.date(language, results.results_import.imported_at.date()),
    )
    totals = t["results_totals"].format(
        voters=rt.number(language, results.voters),
        issued=rt.number(language, results.issued),
        turnout=_percent(results.turnout_percent),
        invalid=rt.number(language, results.invalid),
        invalid_percent=_percent(results.invalid_percent),
    )
    lists = [
        {
            "name": total.contestant.label(language),
            "votes": rt.number(language, total.votes),
            "percent": _percent(total.percent),
            "seats": "–" if total.seats is None else total.seats,
        }
        for total in results.lists
    ]
    notes = [source]
    if results.national_published is not None:
        national_import = results.national_published.results_import
        notes.append(
            t["results_published"].format(
                source=national_import.source_label(language),
                date=rt.date(language, national_import.imported_at.date()),
            )
        )
    contestants = {c.code: c.label(language) for c in ctx.mission.contestants.all()}
    for check in results.checks:
        place = (check.name.get(language) or check.name.get("en")) if check.code else t["national"]
        differences = "; ".join(
            t["check_line"].format(
                line=BY_CODE[d.code].label(language) if d.code in BY_CODE else contestants.get(d.code, d.code),
                published=rt.number(language, d.published),
                summed=rt.number(language, d.summed),
            )
            for d in check.differences
        )
        notes.append(t["check_differs"].format(place=place, differences=differences))
    if results.results_import.is_demo:
        notes.append(t["demo"])
    context = {"t": t, "lists": lists, "districts": districts, "totals": totals, "notes": notes}
    return render_to_string("documents/blocks/results.html", context)


def turnout_block(ctx: BlockContext) -> str:
    t = results_texts.texts(ctx.language)
    bars = []
    for row in turnout_by_hour_compared(mission=ctx.mission):
        for key, colour in (("published", PUBLISHED_COLOUR), ("observed", OBSERVED_COLOUR)):
            if row[key] is not None:
                label = t[f"turnout_{key}"].format(hour=row["hour"])
                bars.append(Bar(label=label, share=row[key], text=f"{row[key]}%", colour=colour))
    if not bars:
        return _paragraphs([t["results_none"]])
    figure = render_to_string(
        "documents/blocks/figure.html",
        {
            "caption": t["turnout_caption"],
            "drawing": bar_chart(bars),
            "legend": [],
            "note": t["turnout_note"].format(zone=zone_label(ctx.mission.time_zone, language=ctx.language)),
        },
    )
    regions = [
        {
            "name": row["region"].label(ctx.language),
            "cells": [f"{_percent(cell['published'])} / {_percent(cell['observed'])}" for cell in row["hours"]],
        }
        for row in turnout_by_region_and_hour(mission=ctx.mission)
    ]
    if not regions:
        return figure
    table = render_to_string(
        "documents/blocks/turnout_regions.html", {"t": t, "hours": TURNOUT_HOURS, "regions": regions}
    )
    return figure + table
