"""Polling stations from a spreadsheet: which columns there are, and what importing the rows would change."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mission.imports import cells
from mission.imports.rows import Changes, Field, ImportPlan, Mapping, Record, RowChecker, RowRejected, Tally, code_from
from mission.imports.tabular import Table
from mission.models import District, Mission, PollingStation, Region

FIELDS = (
    Field(
        "code",
        gettext_lazy("Code"),
        cells.text(max_length=32, required=True),
        required=True,
        aliases=(
            "division_id",
            "station_code",
            "polling_station_code",
            "ps_code",
            "precinct_code",
            "precinct",
            "number",
        ),
    ),
    Field(
        "name",
        gettext_lazy("Name"),
        cells.text(max_length=300, required=True),
        required=True,
        aliases=("address_1", "station_name", "polling_station", "polling_station_name", "ps_name", "precinct_name"),
    ),
    Field("address", gettext_lazy("Address"), cells.text(max_length=500), aliases=("address_3", "street", "location")),
    Field("region", gettext_lazy("Region"), cells.text(max_length=200), aliases=("oblast", "province", "region_name")),
    Field(
        "district",
        gettext_lazy("District"),
        cells.text(max_length=200),
        aliases=("district_alt_id", "district_name", "raion", "constituency"),
    ),
    Field("latitude", gettext_lazy("Latitude"), cells.decimal(low=-90, high=90), aliases=("lat",)),
    Field("longitude", gettext_lazy("Longitude"), cells.decimal(low=-180, high=180), aliases=("lng", "lon", "long")),
    Field(
        "registered_voters",
        gettext_lazy("Registered voters"),
        cells.whole_number,
        aliases=("total_registered_voters", "voters", "electorate", "registered"),
    ),
)
STATION_VALUES = ("name", "address", "latitude", "longitude", "registered_voters")


def mapping_problems(mapping: Mapping) -> list[str]:
    problems = []
    if "region" not in mapping and "district" not in mapping:
        problems.append(_("Choose the column with the region, the district, or both: every station needs a region."))
    if ("latitude" in mapping) != ("longitude" in mapping):
        problems.append(_("Choose both the latitude and the longitude column, or neither."))
    return problems


def station_changes(*, mission: Mission, table: Table, mapping: Mapping) -> tuple[ImportPlan, Changes]:
    checker = RowChecker(table=table, mapping=mapping, fields=FIELDS)
    records = checker.unique(checker.records(), key=lambda r: r.values["code"], field_name="code")
    places = _Places(mission)
    existing = {station.code: station for station in mission.polling_stations.all()}
    values = [name for name in STATION_VALUES if name in mapping]
    tally = Tally()
    for record in records:
        if "latitude" in mapping and (record.values["latitude"] is None) != (record.values["longitude"] is None):
            checker.reject(record.row, "latitude", _("Give both latitude and longitude, or leave both blank."))
            continue
        try:
            region, district = places.resolve(record, checker)
        except RowRejected:
            continue
        wanted = {name: record.values[name] for name in values}
        wanted["region"] = region
        if "district" in mapping:
            wanted["district"] = district
        tally.add(
            existing.get(record.values["code"]) or PollingStation(mission=mission, code=record.values["code"]), wanted
        )
    plan = checker.plan(**tally.counts())
    plan.notes = [
        (_("regions to create"), len(places.new_regions)),
        (_("districts to create"), len(places.new_districts)),
    ]
    fields = [*values, "region", *(["district"] if "district" in mapping else [])]
    changes = Changes(
        creates=[places.new_regions, places.new_districts, tally.created], updates=[(tally.updated, fields)]
    )
    return plan, changes


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _by_names(places) -> dict:
    """Regions or districts by each of their names (English, Russian, Kazakh): a file may use any of them."""
    found = {}
    for place in places:
        for name in filter(None, (place.name, place.name_ru, place.name_kk)):
            found.setdefault(_name_key(name), place)
    return found


class _Places:
    """The mission's regions and districts by name, plus the ones the file adds (created by name when missing)."""

    def __init__(self, mission: Mission):
        self.mission = mission
        regions = list(Region.objects.filter(mission=mission))
        districts = list(District.objects.filter(mission=mission))
        by_id = {region.pk: region for region in regions}
        for district in districts:
            district.region = by_id[district.region_id]
        self.regions, self.districts = _by_names(regions), _by_names(districts)
        self.region_codes = {region.code for region in regions}
        self.district_codes = {district.code for district in districts}
        self.new_regions: list[Region] = []
        self.new_districts: list[District] = []

    def resolve(self, record: Record, checker: RowChecker) -> tuple[Region, District | None]:
        region_name = record.values.get("region", "")
        district_name = record.values.get("district", "")
        if district_name:
            district = self.districts.get(_name_key(district_name))
            if district is None:
                # Without a region column (Georgia's file has districts such as "25 წალკა" and nothing above them)
                # each new district gets a region of the same name, so coverage by region still means something;
                # a coordinator can group districts into real regions in the back office later.
                district = self._new_district(district_name, region=self._region(region_name or district_name))
            elif region_name and self.regions.get(_name_key(region_name)) is not district.region:
                raise checker.rejected(
                    record.row,
                    "region",
                    _("District “%(district)s” is in region “%(region)s”.")
                    % {"district": district_name, "region": district.region.name},
                )
            return district.region, district
        if region_name:
            return self._region(region_name), None
        raise checker.rejected(
            record.row,
            "district" if "district" in checker.mapping else "region",
            _("Every station needs a region or a district; this row has neither."),
        )

    def _region(self, name: str) -> Region:
        region = self.regions.get(_name_key(name))
        if region is None:
            region = Region(mission=self.mission, name=name, code=code_from(name, taken=self.region_codes))
            self.regions[_name_key(name)] = region
            self.new_regions.append(region)
        return region

    def _new_district(self, name: str, *, region: Region) -> District:
        district = District(
            mission=self.mission, region=region, name=name, code=code_from(name, taken=self.district_codes)
        )
        self.districts[_name_key(name)] = district
        self.new_districts.append(district)
        return district
