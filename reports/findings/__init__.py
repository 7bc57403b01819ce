"""Findings: every figure the mission quotes, aggregated in the database with its N, and the pages that show them
with a drill-down to the forms each counts."""
