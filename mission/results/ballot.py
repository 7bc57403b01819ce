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
