"""Real data beside the project (../shared/data), as laid out for developers and CI."""

import os
from pathlib import Path

_SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data"

GEORGIA_PRECINCTS = Path(os.environ.get("GEORGIA_PRECINCTS", _SHARED / "georgia-2024" / "precincts.csv"))
