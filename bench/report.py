"""How long a full report takes to compile on PostgreSQL: a final report of 20+ pages with charts and a map,
over the demo mission with 100,000 submissions.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/eom_report .venv/bin/python bench/report.py [--keep] [--reuse]
        [--pdf DIR]

Creates the database named in DATABASE_URL (it must not exist yet, or be one this script made: it is dropped at the
end unless --keep), loads the demo mission (observers.demo), its needs-assessment data (observers.demo.nam) and tops
its submissions up to 100,000 (--reuse: times a database kept by an earlier --keep run). The final report's topical
sections get the NAM report's text, so the document has the length of a real one, with a footnote on every other
paragraph (printed at the foot of its page), its paragraphs numbered and each section's first one labelled and cited
from the next. Prints one row per language, in seconds per stage: findings (the statistics, in the database),
sections (Markdown, blocks, charts, the map), PDF (WeasyPrint layout); then the whole compilation as the Celery task
runs it, and seconds per page. Target: under 10 s. Reference, same run: GET /livez in-process.
"""

import argparse
import io
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/eom_report")

from bench.compile import REPEATS, database_create, database_drop, timed  # noqa: E402

SUBMISSIONS = 100_000
TARGET_SECONDS = 10
# Final report topic <- the NAM report's text that stands in for it.
BORROWED = {
    "Executive summary": "summary",
    "Introduction and acknowledgements": "introduction",
    "Background and political context": "political_context",
    "Legal framework": "legal_framework",
    "Election administration": "election_administration",
    "Media": "media",
    "International and domestic observers": "observers",
}
EXTRA_BLOCKS = {
    "Voting": "[[block:chart kind=voting by=region]]",
    "Counting": "[[block:map kind=counting]]\n\n[[block:chart kind=counting by=region]]",
}


def _demo_build():
    """The demo mission with its needs-assessment data and SUBMISSIONS forms."""
    from django.db import connection

    from observers.demo.build import demo_load
    from observers.demo.nam import nam_demo_load
    from observers.demo.synthetic import submissions_generate
    from observers.models import Submission

    rng = random.Random(2004)
    mission, _ = demo_load(rng=rng)
    nam_demo_load(mission=mission)
    missing = SUBMISSIONS - Submission.objects.filter(mission=mission).count()
    if missing > 0:
        submissions_generate(mission=mission, count=missing, rng=rng)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return mission


def _cited(text: str, section: int) -> str:
    """`text` with a footnote on every other paragraph, its first paragraph labelled and the one before cited."""
    paragraphs = [part for part in text.split("\n\n") if part.strip()]
    plain = [i for i, part in enumerate(paragraphs) if not part.lstrip().startswith(("[[", "-", "*", "|", "#", "1."))]
    notes = []
    for index in plain[::2]:
        paragraphs[index] += f"[^n{index}]"
        notes.append(f"[^n{index}]: Article {index + 3} of the Constitutional Law on Elections; ODIHR interview.")
    if plain:
        paragraphs[plain[0]] += f" {{#s{section}}}" + (f" (see paragraph [@s{section - 1}])" if section > 1 else "")
    return "\n\n".join(paragraphs + notes)


def _final_report(mission):
    """The demo's final report, its sections written out at the length of a real one, with footnotes."""
    from reports.documents.defaults import demo_text
    from reports.documents.services import report_create
    from reports.models import Report

    report = report_create(mission=mission, kind=Report.Kind.FINAL)
    borrowed = 0
    for section in report.sections.all():
        topic = BORROWED.get(section.heading)
        borrowed += bool(topic)
        for suffix, language in (("", "en"), ("_ru", "ru"), ("_kk", "kk")):
            body = getattr(section, f"body{suffix}")
            if topic:
                body = f"{_cited(demo_text('needs_assessment', topic, language), borrowed)}\n\n{body}"
            if section.heading in EXTRA_BLOCKS:
                body = f"{body}\n\n{EXTRA_BLOCKS[section.heading]}"
            setattr(section, f"body{suffix}", body)
        section.save()
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--reuse", action="store_true", help="time a database kept by an earlier --keep run")
    parser.add_argument("--pdf", type=Path, help="write the PDFs into this folder")
    arguments = parser.parse_args()
    database_url = os.environ["DATABASE_URL"]
    if not arguments.reuse:
        database_create(database_url)

    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone
    from pypdf import PdfReader

    from mission.models import Mission
    from observers.models import Submission
    from reports.documents.render.pdf import pdf_from_html, report_html
    from reports.documents.services import compilation_run
    from reports.findings.selectors import findings_compute
    from reports.models import Compilation, Report

    try:
        call_command("migrate", verbosity=0)
        if arguments.reuse:
            mission = Mission.objects.get(is_demo=True)
            report = Report.objects.get(mission=mission, kind=Report.Kind.FINAL)
        else:
            mission = _demo_build()
            report = _final_report(mission)
        submissions = Submission.objects.filter(mission=mission).count()
        print(f"Final report, {submissions:,} submissions, median of {REPEATS} runs")
        client = Client()
        livez_s, _ = timed(lambda: client.get("/livez"))
        print(
            f"{'language':>8} {'pages':>6} {'findings s':>11} {'sections s':>11} "
            f"{'PDF s':>7} {'sum s':>7} {'task s':>7} {'s/page':>7} {'target s':>9}"
        )
        for language in ("kk", "ru", "en"):
            findings_s, findings = timed(lambda language=language: findings_compute(mission=mission, language=language))
            now = timezone.now()
            sections_s, html = timed(
                lambda language=language, findings=findings, now=now: report_html(
                    report=report, language=language, findings=findings, findings_at=now
                )
            )
            pdf_s, pdf = timed(lambda html=html: pdf_from_html(html))
            start = time.perf_counter()
            compilation = compilation_run(
                compilation_id=Compilation.objects.create(report=report, language=language).pk
            )
            task_s = time.perf_counter() - start
            assert compilation.status == Compilation.Status.DONE, compilation.error
            pages = len(PdfReader(io.BytesIO(pdf)).pages)
            total = findings_s + sections_s + pdf_s
            print(
                f"{language:>8} {pages:>6} {findings_s:>11.2f} {sections_s:>11.2f} "
                f"{pdf_s:>7.2f} {total:>7.2f} {task_s:>7.2f} {task_s / pages:>7.3f} {TARGET_SECONDS:>9}"
            )
            if arguments.pdf:
                arguments.pdf.mkdir(parents=True, exist_ok=True)
                (arguments.pdf / f"final-{language}.pdf").write_bytes(pdf)
        print(f"Target: a full report under {TARGET_SECONDS} s. Same run: GET /livez {livez_s * 1000:.1f} ms.")
    finally:
        if not arguments.keep:
            database_drop(database_url)


if __name__ == "__main__":
    main()
