from pathlib import Path

from reports.documents.services import report_create
from tests.reports.documents.helpers import compiled
from tests.reports.documents.report_form import written_report

OUT = Path("/tmp/look")


def test_look(hand_mission):
    OUT.mkdir(exist_ok=True)
    report = written_report(hand_mission.mission)
    for language in ("en", "ru", "kk"):
        c = compiled(report, language, final=True)
        assert c.status == "done", c.error
        (OUT / f"form-{language}.pdf").write_bytes(c.pdf.read())
    default = report_create(mission=hand_mission.mission, kind="final")
    c = compiled(default, "en")
    (OUT / "default-en.pdf").write_bytes(c.pdf.read())
