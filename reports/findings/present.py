"""What the findings pages add to findings_compute(): links from each figure to the forms behind it, the sentence
the report will print, and recorded disagreements labelled as the tables are; and what pages and reports print of a
share's interval (`margin_printed`, `margins_note`).

`findings_link` adds a `url` (and for a question `denominator_url`, for an assessment `negative_url`) next to each
figure of a findings_compute() result. The list applies the same rules as the figure (reports.findings.selectors.
submissions_behind), so the number of forms it shows is the figure.
"""

from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import urlencode

from django.urls import reverse

from observers.checklists.definitions import ASSESSMENT_CODE, ASSESSMENT_VALUES, NEGATIVE_ASSESSMENTS
from observers.models import Checklist
from reports.documents import texts as report_texts
from reports.findings.selectors import OPENED_ON_TIME_CODE, OPENING_TIME_CODE, VOTED_CODE, VOTERS_CODE


def submissions_url(**params) -> str:
    """The list of forms with these filters (empty ones left out; a tuple repeats the parameter)."""
    kept = {key: value for key, value in params.items() if value not in (None, "", ())}
    return f"{reverse('findings:submissions')}?{urlencode(kept, doseq=True)}"


def _assessment_urls(target: dict, **params) -> None:
    target["url"] = submissions_url(**params, question=ASSESSMENT_CODE, value=ASSESSMENT_VALUES)
    target["negative_url"] = submissions_url(**params, question=ASSESSMENT_CODE, value=NEGATIVE_ASSESSMENTS)


def _link_form(form: dict, area: dict) -> None:
    base = {"kind": form["kind"], **area}
    form["url"] = submissions_url(**base)
    _assessment_urls(form["assessment"], **base)
    for row in form["by_region"]:
        _assessment_urls(row, **{**base, "region": row["code"]})
    for row in form["by_district"]:
        _assessment_urls(row, **{**base, "region": row["region_code"], "district": row["code"]})
    for question in form["questions"]:
        question["url"] = submissions_url(**base, question=question["code"])
        yes_no = question["type"] == "yes_no"
        question["denominator_url"] = (
            submissions_url(**base, question=question["code"], value=("yes", "no")) if yes_no else question["url"]
        )
        for answer in question["answers"]:
            answer["url"] = submissions_url(**base, question=question["code"], value=answer["value"])


def findings_link(findings: dict) -> dict:
    """Add the links in place; returns `findings`."""
    scope = findings["scope"]
    area = {"region": scope["region"], "district": scope["district"]}
    for form in findings["forms"]:
        _link_form(form, area)
    for row in findings["coverage"]["regions"]:
        row["url"] = submissions_url(kind=scope["kind"], **{**area, "region": row["code"]})
    opening = findings["time_profile"]["opening_times"]
    if opening:
        base = {"kind": Checklist.Kind.OPENING, **area}
        opening["on_time_url"] = submissions_url(**base, question=OPENED_ON_TIME_CODE, value="yes")
        opening["late_url"] = submissions_url(**base, question=OPENED_ON_TIME_CODE, value="no")
        opening["url"] = submissions_url(**base, question=OPENING_TIME_CODE)
        for bucket in opening["buckets"]:
            until = bucket["to"] if bucket["to"] > bucket["from"] else None  # the last bucket of the day
            bucket["url"] = submissions_url(**base, question=OPENING_TIME_CODE, time_from=bucket["from"], time_to=until)
    for row in findings["time_profile"]["turnout_by_hour"]:
        row["url"] = submissions_url(
            kind=Checklist.Kind.VOTING, **area, hour=row["hour"], answered=(VOTERS_CODE, VOTED_CODE)
        )
    for row in findings["disagreements"]:
        row["url"] = submissions_url(
            kind=row["kind"], station=row["station_code"], question=ASSESSMENT_CODE, value=ASSESSMENT_VALUES
        )
    return findings


def headlines_add(findings: dict) -> None:
    """Each form's `headline`: its overall assessment in the sentence the report prints, so the analyst reads the
    figure as it will be quoted ("in 3 of 6 observations" below 30, a per cent above)."""
    language = findings["language"]
    texts = report_texts.texts(language)
    for form in findings["forms"]:
        assessment = form["assessment"]
        form["headline"] = (
            texts["assessment"].format(
                kind=texts["form_kinds"][form["kind"]],
                share=report_texts.share(language, assessment["negative"], assessment["n"]),
            )
            if assessment["n"]
            else ""
        )


def flag_rows(flags, findings: dict) -> list[dict]:
    """Recorded disagreements with the question and answers labelled as in the findings' tables."""
    labels = {
        (form["kind"], question["code"]): (question["label"], {a["value"]: a["label"] for a in question["answers"]})
        for form in findings["forms"]
        for question in form["questions"]
    }
    rows = []
    for flag in flags:
        question, answers = labels.get((flag.kind, flag.question), (flag.question, {}))
        rows.append(
            {
                "flag": flag,
                "question": question,
                "first_answer": answers.get(flag.first_answer, flag.first_answer),
                "second_answer": answers.get(flag.second_answer, flag.second_answer),
            }
        )
    return rows


def _whole(per_cent: float) -> int:
    return int(Decimal(str(per_cent)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def margin_printed(*, k: int, n: int, interval: dict | None, design: dict | None) -> dict | None:
    """What a report prints of a share (`k` of `n`) with its interval (margins.margins_add): {"percent", "n",
    "low", "high"} in whole per cents, or None to print the share alone (no margins asked for, too few teams for
    an interval, or too few forms for a per cent). Without a sample, the share of the observed stations with its
    interval; with one, the sample's estimate for all stations and its interval, of the forms at sampled stations."""
    if not design or not interval:
        return None
    sampled = design["sampled"]
    forms = interval["forms"] if sampled else n
    if forms < report_texts.MIN_FOR_PERCENT:
        return None
    return {
        "percent": _whole(interval["estimate"]) if sampled else report_texts.percent(k, n),
        "n": forms,
        "low": _whole(interval["low"]),
        "high": _whole(interval["high"]),
    }


def margins_note(language: str, findings: dict) -> str:
    """Said once in a report whose shares carry intervals: whether the stations were drawn at random, and so what the
    intervals describe (the observed stations only, or all the country's); empty without margins."""
    design = findings.get("design")
    if not design or not findings["submissions"]:
        return ""
    texts = report_texts.texts(language)
    if not design["sampled"]:
        return texts["margins_not_drawn"]
    return texts["margins_drawn"].format(
        size=report_texts.number(language, design["size"]),
        population=report_texts.number(language, design["population"]),
    )
