"""Setting an interim report's number and reporting period."""

import datetime as dt

from reports.models import Report


def report_period_set(
    *, report: Report, number: int | None, period_from: dt.date | None, period_to: dt.date | None
) -> Report:
    """Both ends of the period or neither; the database refuses an end before the start (ValidationError)."""
    report.number, report.period_from, report.period_to = number, period_from, period_to
    report.full_clean()
    report.save(update_fields=["number", "period_from", "period_to"])
    return report
