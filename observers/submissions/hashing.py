"""The fingerprint of a submission's content, to tell an identical resend (200) from a clash (409)."""

import hashlib
import json
from datetime import datetime


def submission_content_hash(
    *, checklist_id: int, polling_station_id: int | None, answers: dict, observed_at: datetime
) -> str:
    canonical = json.dumps(
        {
            "checklist": checklist_id,
            "station": polling_station_id,
            "answers": answers,
            "observed_at": observed_at.isoformat(timespec="seconds"),
        },
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode()).hexdigest()
