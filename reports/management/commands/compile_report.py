"""Compile a report synchronously and write the PDF to a file: the same path as the task, without a worker."""

import shutil

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from mission.models import Mission
from reports.documents.services import compilation_run, compilations_prepare, report_get_or_create
from reports.models import Compilation, Report


class Command(BaseCommand):
    help = "Compile a mission's report into a PDF file (runs in this process, no Celery worker needed)."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="Where to write the PDF, e.g. report-kk.pdf")
        parser.add_argument("--language", default="en", help=f"One of: {', '.join(Compilation.Language.values)}")
        parser.add_argument("--mission", help="The mission's slug; may be left out when there is only one mission")
        parser.add_argument("--kind", default=Report.Kind.PRELIMINARY, help=f"One of: {', '.join(Report.Kind.values)}")

    def handle(self, *args, output, language, mission, kind, **options):
        if language not in Compilation.Language.values:
            raise CommandError(f"Unknown language {language!r}: use one of {', '.join(Compilation.Language.values)}.")
        try:
            report = report_get_or_create(mission=self._mission(mission), kind=kind)
            # A report marked final is checked as on the reports page; any other compiles as a draft.
            [compilation] = compilations_prepare(report=report, languages=[language])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        compilation = compilation_run(compilation_id=compilation.pk)
        if compilation.status != Compilation.Status.DONE:
            raise CommandError(compilation.error)
        with compilation.pdf.open("rb") as source, open(output, "wb") as target:
            shutil.copyfileobj(source, target)
        self.stdout.write(
            f"Wrote {output}: {report} ({language}, {'final' if compilation.final else 'draft'}), "
            f"{compilation.submissions_covered} forms, compilation #{compilation.pk}."
        )

    def _mission(self, slug: str | None) -> Mission:
        if slug:
            mission = Mission.objects.filter(slug=slug).first()
            if mission is None:
                raise CommandError(f"No mission with the slug {slug!r}. Known missions: {_known_missions()}.")
            return mission
        missions = list(Mission.objects.all()[:2])
        if len(missions) != 1:
            raise CommandError(f"Say which mission with --mission SLUG. Known missions: {_known_missions()}.")
        return missions[0]


def _known_missions() -> str:
    return ", ".join(Mission.objects.order_by("slug").values_list("slug", flat=True)) or "none yet"
