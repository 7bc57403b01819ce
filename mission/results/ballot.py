"""Who is on a station's ballot: the party lists standing everywhere, and the candidates of the station's
district."""

from django.db.models import Q, QuerySet

from mission.models import Contestant


def ballot_of(*, mission_id: int, station_id: int) -> QuerySet[Contestant]:
    return Contestant.objects.filter(mission_id=mission_id).filter(
        Q(district__isnull=True) | Q(district__polling_stations=station_id)
    )


def ballot_codes(*, mission_id: int, station_id: int) -> dict[str, set[str]]:
    """{contestant kind: codes} on the station's ballot, in one query."""
    codes: dict[str, set[str]] = {kind: set() for kind in Contestant.Kind.values}
    for kind, code in ballot_of(mission_id=mission_id, station_id=station_id).values_list("kind", "code"):
        codes[kind].add(code)
    return codes


def ballots_of_stations(*, mission_id: int, stations) -> dict[int, list[dict]]:
    """For the phone's plan: each station's ballot as {code, kind, labels}, lists first; one query."""
    district_of = {station.pk: station.district_id for station in stations}
    contestants = Contestant.objects.filter(mission_id=mission_id).filter(
        Q(district__isnull=True) | Q(district_id__in={d for d in district_of.values() if d})
    )
    entries = [
        (c.district_id, {"code": c.code, "kind": c.kind, "labels": {"en": c.name, "ru": c.name_ru, "kk": c.name_kk}})
        for c in contestants.order_by("-kind", "number", "code")  # lists ("list" > "candidate") first
    ]
    return {
        station_id: [entry for district, entry in entries if district in (None, district_id)]
        for station_id, district_id in district_of.items()
    }
