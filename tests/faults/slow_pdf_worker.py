"""The Celery app of config.celery with the PDF layout of every compilation held up for EOM_TEST_PDF_HOLD_SECONDS
(0 or unset: not at all), so a fault test can stop the worker in the middle of a compilation, at stage "pdf".

    EOM_TEST_PDF_HOLD_SECONDS=60 celery -A tests.faults.slow_pdf_worker worker ...
"""

import os
import time

from celery.signals import task_prerun

from config.celery import app

__all__ = ["app"]  # what `celery -A` looks for

HOLD_SECONDS = float(os.environ.get("EOM_TEST_PDF_HOLD_SECONDS") or 0)


@task_prerun.connect
def _hold_up_pdf_layout(**kwargs) -> None:
    from reports.documents import services
    from reports.models import Compilation

    render = services.pdf_render
    if HOLD_SECONDS <= 0 or getattr(render, "held_up", False):
        return

    def held_up_render(*, on_stage, **arguments):
        def stage_then_hold(stage):
            on_stage(stage)
            if stage == Compilation.Stage.PDF:
                time.sleep(HOLD_SECONDS)

        return render(on_stage=stage_then_hold, **arguments)

    held_up_render.held_up = True
    services.pdf_render = held_up_render
