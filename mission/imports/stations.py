"""Polling stations from a spreadsheet: which columns there are, and what importing the rows would change.

A station's code may be one column or built from several (`{municipality}-{number}`: a national list numbers its
stations within each municipality). Regions and districts are matched by code where the file gives one, the name
then being only their label; else by name, a district's name within its region. Two districts are never merged
because they share a name: same-named districts in two regions are two districts, and a name that could mean two
of the mission's districts is a problem to resolve (choose the code column), not a guess.

Before anything is written the preview counts the stations without a location or registered voters, flags the
stations whose coordinates lie outside the mission's country (see `country_extent`), and lists the regions the
import would create: the coordinator confirms both.
"""

from dataclasses import dataclass

from django.db.models import Count, Max, Min
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from mission.imports import cells
from mission.imports.bulk import rows_insert
from mission.imports.rows import (
    Changes,
    Confirmation,
    Field,
    ImportPlan,
    Mapping,
    Record,
    RowChecker,
    RowRejected,
    code_from,
)
from mission.imports.tabular import Table
from mission.models import District, Mission, PollingStation, Region, StationImport

CODE_LENGTH = 64
FIELDS = (
    Field(
        "code",
        gettext_lazy("Code"),
        cells.text(max_length=CODE_LENGTH, required=True),
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
        template=True,
    ),
    Field(
        "name",
        gettext_lazy("Name"),
        cells.text(max_length=300, required=True),
        required=True,
        aliases=("address_1", "station_name", "polling_station", "polling_station_name", "ps_name", "precinct_name"),
        template=True,  # a list without names: "{Municipality} {Number}", or the address's column
    ),
    Field("address", gettext_lazy("Address"), cells.text(max_length=500), aliases=("address_3", "street", "location")),
    Field("region", gettext_lazy("Region"), cells.text(max_length=200), aliases=("oblast", "province", "region_name")),
    Field(
        "region_code",
        gettext_lazy("Region code"),
        cells.text(max_length=CODE_LENGTH),
        aliases=("oblast_code", "province_code", "region_id"),
        template=True,
    ),
    Field(
        "district",
        gettext_lazy("District"),
        cells.text(max_length=200),
        aliases=("district_alt_id", "district_name", "raion", "constituency", "municipality", "municipality_name"),
    ),
    Field(
        "district_code",
        gettext_lazy("District code"),
        cells.text(max_length=CODE_LENGTH),
        aliases=("district_id", "municipality_code", "raion_code", "constituency_code"),
        template=True,
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
KEPT = (*STATION_VALUES, "region_id", "district_id")  # what an undo puts back: StationImport.previous
DEFAULTS = {"address": "", "latitude": None, "longitude": None, "registered_voters": 0}  # of a column not chosen
LISTED = 200  # regions named in the preview's confirmation; the rest are counted
EXTENT_MARGIN = 0.1  # of the extent's size on each side, and at least…
EXTENT_MIN_MARGIN = 0.5  # …half a degree (some 50 km)
EXTENT_MIN_STATIONS = 10  # located stations a mission needs before its extent means anything


def mapping_problems(mapping: Mapping) -> list[str]:
    problems = []
    if not {"region", "region_code", "district", "district_code"} & mapping.keys():
        problems.append(_("Choose the column with the region, the district, or both: every station needs a region."))
    if ("latitude" in mapping) != ("longitude" in mapping):
        problems.append(_("Choose both the latitude and the longitude column, or neither."))
    return problems


@dataclass(frozen=True)
class Extent:
    """A box around the mission's country: south, west, north, east in degrees."""

    south: float
    west: float
    north: float
    east: float

    def holds(self, latitude: float, longitude: float) -> bool:
        return self.south <= latitude <= self.north and self.west <= longitude <= self.east

    def __str__(self) -> str:
        return f"{self.south:.2f}–{self.north:.2f} N, {self.west:.2f}–{self.east:.2f} E"


def country_extent(mission: Mission) -> Extent | None:
    """Where the mission's country lies, as far as the mission knows: the box around its located stations and
    regions, widened by a tenth of its size on each side (at least half a degree). None while fewer than
    EXTENT_MIN_STATIONS stations have a location: a first import is checked against nothing but the globe."""
    found = (
        PollingStation.objects.filter(mission=mission, latitude__isnull=False)
        .exclude(latitude=0, longitude=0)
        .aggregate(
            located=Count("pk"),
            south=Min("latitude"),
            north=Max("latitude"),
            west=Min("longitude"),
            east=Max("longitude"),
        )
    )
    if found["located"] < EXTENT_MIN_STATIONS:
        return None
    regions = Region.objects.filter(mission=mission, latitude__isnull=False, longitude__isnull=False).aggregate(
        south=Min("latitude"), north=Max("latitude"), west=Min("longitude"), east=Max("longitude")
    )
    if regions["south"] is not None:
        found = {
            "south": min(found["south"], regions["south"]),
            "north": max(found["north"], regions["north"]),
            "west": min(found["west"], regions["west"]),
            "east": max(found["east"], regions["east"]),
        }
    lat_margin = max((found["north"] - found["south"]) * EXTENT_MARGIN, EXTENT_MIN_MARGIN)
    lng_margin = max((found["east"] - found["west"]) * EXTENT_MARGIN, EXTENT_MIN_MARGIN)
    return Extent(
        south=max(found["south"] - lat_margin, -90),
        west=max(found["west"] - lng_margin, -180),
        north=min(found["north"] + lat_margin, 90),
        east=min(found["east"] + lng_margin, 180),
    )


class StationChanges(Changes):
    """The writes, plus the record that lets the import be undone: which stations it created (they point to it),
    what it changed in the others, which regions and districts it created."""

    def __init__(
        self, *, mission: Mission, regions, districts, created: list[tuple[str, dict]], updated, fields, previous
    ):
        # New stations are (code, values) until written: a preview need not build 200,000 model instances.
        super().__init__(creates=[regions, districts, []], updates=[(updated, fields)])
        self.mission, self.regions, self.districts, self.created = mission, regions, districts, created
        self.previous = previous
        self.actor, self.filename = None, ""
        self.record: StationImport | None = None

    def apply(self) -> None:
        self.record = StationImport.objects.create(
            mission=self.mission,
            imported_by=self.actor,
            filename=self.filename[:255],
            created=len(self.created),
            updated=len(self.previous),
            previous=self.previous,
        )
        super().apply()  # regions and districts, so the new stations have their ids; the changed stations
        names = sorted({name for _, values in self.created for name in values} - {"region", "district"})
        rows_insert(
            PollingStation,
            [
                {
                    "mission_id": self.mission.pk,
                    "code": code,
                    "imported_in_id": self.record.pk,
                    "region_id": values["region"].pk,
                    "district_id": values["district"].pk if values.get("district") is not None else None,
                    **{name: values[name] for name in names},
                    **{name: DEFAULTS[name] for name in DEFAULTS if name not in names},
                }
                for code, values in self.created
            ],
        )
        self.record.regions = [region.pk for region in self.regions]
        self.record.districts = [district.pk for district in self.districts]
        self.record.save(update_fields=["regions", "districts"])


def station_changes(*, mission: Mission, table: Table, mapping: Mapping) -> tuple[ImportPlan, StationChanges]:
    checker = RowChecker(table=table, mapping=mapping, fields=FIELDS)
    records = checker.unique(
        checker.records(),
        key=lambda r: r.values["code"],
        field_name="code",
        kind=_(
            "The same station code as an earlier row. If stations are numbered within each municipality or "
            "district, build the code from several columns, e.g. {municipality}-{number}."
        ),
    )
    places = _Places(mission, checker)
    # The mission's stations as rows, not model instances: only the ones the file changes become instances.
    existing = {row[0]: row[1:] for row in mission.polling_stations.values_list("code", "pk", *KEPT)}
    values = [name for name in STATION_VALUES if name in mapping]
    extent = country_extent(mission)
    updated: list[PollingStation] = []
    unchanged = 0
    created: list[tuple[str, dict]] = []
    previous: dict[str, list] = {}
    without_location = without_voters = outside = 0
    for record in records:
        located = "latitude" in mapping and record.values["latitude"] is not None
        if "latitude" in mapping and located != (record.values["longitude"] is not None):
            checker.reject(record.row, "latitude", _("Give both latitude and longitude, or leave both blank."))
            continue
        try:
            region, district = places.resolve(record)
        except RowRejected:
            continue
        wanted = {name: record.values[name] for name in values}
        wanted["region"] = region
        if {"district", "district_code"} & mapping.keys():
            wanted["district"] = district
        row = existing.get(record.values["code"])
        if row is None:
            created.append((record.values["code"], wanted))
            latitude, voters = wanted.get("latitude"), wanted.get("registered_voters")
        else:
            pk, before = row[0], dict(zip(KEPT, row[1:], strict=True))
            after = {**before, **{name: wanted[name] for name in values}}
            if _differs(before, after, wanted):
                station = PollingStation(pk=pk, mission_id=mission.pk, code=record.values["code"], **after)
                station.region = region
                if "district" in wanted:
                    station.district = district
                updated.append(station)
                previous[str(pk)] = list(row[1:])
            else:
                unchanged += 1
            latitude, voters = after["latitude"], after["registered_voters"]
        if located and (record.values["latitude"], record.values["longitude"]) == (0, 0):
            outside += 1
            checker.warn(
                record.row,
                "latitude",
                _("0, 0 lies in the sea off West Africa: the coordinates are probably missing."),
            )
        elif located and extent and not extent.holds(record.values["latitude"], record.values["longitude"]):
            outside += 1
            checker.warn(
                record.row,
                "latitude",
                _("%(lat)s, %(lng)s lies outside %(country)s (%(extent)s).")
                % {
                    "lat": record.values["latitude"],
                    "lng": record.values["longitude"],
                    "country": mission.country,
                    "extent": extent,
                },
                kind=_("Outside %(country)s, as far as its stations so far reach (%(extent)s).")
                % {"country": mission.country, "extent": extent},
            )
        if latitude is None:
            without_location += 1
        if not voters:
            without_voters += 1
    plan = checker.plan(to_create=len(created), to_update=len(updated), unchanged=unchanged)
    plan.notes = [
        (_("regions to create"), len(places.new_regions)),
        (_("districts to create"), len(places.new_districts)),
        (_("stations without a location"), without_location),
        (_("stations without registered voters"), without_voters),
        (_("stations outside the country"), outside),
    ]
    if places.new_regions and not plan.errors:
        plan.confirmations.append(
            Confirmation(
                name="confirm_regions",
                question=ngettext("Create this region.", "Create these %(count)s regions.", len(places.new_regions))
                % {"count": len(places.new_regions)},
                count=len(places.new_regions),
                items=[f"{region.code} · {region.name}" for region in places.new_regions[:LISTED]],
            )
        )
    if outside and not plan.errors:
        plan.confirmations.append(
            Confirmation(
                name="confirm_outside",
                question=ngettext(
                    "Import the station flagged outside the country with its coordinates.",
                    "Import the %(count)s stations flagged outside the country with their coordinates.",
                    outside,
                )
                % {"count": outside},
                count=outside,
                items=[],
            )
        )
    if extent is None and "latitude" in mapping:
        plan.remarks.append(
            _(
                "The mission has too few stations with a location to know where %(country)s lies, so the coordinates "
                "were only checked to be on the globe."
            )
            % {"country": mission.country}
        )
    if not {"latitude", "longitude"} & mapping.keys():
        plan.remarks.append(_("No latitude and longitude columns were chosen: new stations have no location."))
    if "registered_voters" not in mapping:
        plan.remarks.append(_("No registered voters column was chosen: new stations count 0 voters."))
    fields = [*values, "region", *(["district"] if {"district", "district_code"} & mapping.keys() else [])]
    changes = StationChanges(
        mission=mission,
        regions=places.new_regions,
        districts=places.new_districts,
        created=created,
        updated=updated,
        fields=fields,
        previous=previous,
    )
    return plan, changes


def _differs(before: dict, after: dict, wanted: dict) -> bool:
    if any(before[name] != after[name] for name in STATION_VALUES):
        return True
    if wanted["region"].pk is None or wanted["region"].pk != before["region_id"]:
        return True
    if "district" not in wanted:
        return False
    district = wanted["district"]
    return (district.pk if district is not None else None) != before["district_id"] or (
        district is not None and district.pk is None
    )


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _names(place) -> set[str]:
    return {_name_key(name) for name in (place.name, place.name_ru, place.name_kk) if name}


class _Places:
    """The mission's regions and districts by code and by name, plus the ones the file adds.

    A file's region and district each come by code, by name, or both (the name then labels a new one). What is
    ambiguous is a problem for the row, never a guess."""

    def __init__(self, mission: Mission, checker: RowChecker):
        self.mission, self.checker = mission, checker
        mapping = checker.mapping
        self.has = {name: name in mapping for name in ("region", "region_code", "district", "district_code")}
        regions = list(Region.objects.filter(mission=mission))
        districts = list(District.objects.filter(mission=mission))
        by_id = {region.pk: region for region in regions}
        for district in districts:
            district.region = by_id[district.region_id]
        self.region_by_code = {region.code: region for region in regions}
        self.district_by_code = {district.code: district for district in districts}
        self.regions_by_name: dict[str, list[Region]] = {}
        for region in regions:
            for name in _names(region):
                self.regions_by_name.setdefault(name, []).append(region)
        self.districts_by_name: dict[str, list[District]] = {}  # any region's
        self.districts_in: dict[tuple[int, str], list[District]] = {}  # (id(region), name) -> its districts
        for district in districts:
            for name in _names(district):
                self.districts_by_name.setdefault(name, []).append(district)
                self.districts_in.setdefault((id(district.region), name), []).append(district)
        self.region_codes = set(self.region_by_code)
        self.district_codes = set(self.district_by_code)
        self.first_named: dict[tuple[str, str], tuple[int, str]] = {}  # (level, code) -> (row, name) in the file
        self.new_regions: list[Region] = []
        self.new_districts: list[District] = []

    def resolve(self, record: Record) -> tuple[Region, District | None]:
        region = self._region(record)
        district = self._district(record, region)
        if district is not None:
            return district.region, district
        if region is not None:
            return region, None
        field_name = next(name for name in ("district", "district_code", "region", "region_code") if self.has[name])
        raise self.checker.rejected(
            record.row, field_name, _("Every station needs a region or a district; this row has neither.")
        )

    def _same_name(self, record: Record, level: str, code: str, name: str, field_name: str) -> None:
        """A code given twice in the file with two names is a problem: which name is right?"""
        if not name:
            return
        first = self.first_named.setdefault((level, code), (record.row, name))
        if _name_key(first[1]) != _name_key(name):
            raise self.checker.rejected(
                record.row,
                field_name,
                _("Code %(code)s is named “%(name)s” in row %(row)s.")
                % {"code": code, "name": first[1], "row": first[0]},
                kind=_("The same code with another name than in an earlier row."),
            )

    def _region(self, record: Record) -> Region | None:
        code, name = record.values.get("region_code", ""), record.values.get("region", "")
        if code:
            self._same_name(record, "region", code, name, "region")
            region = self.region_by_code.get(code)
            if region is None:
                region = self._new_region(name or code, code=code)
            return region
        if not name:
            return None
        found = self.regions_by_name.get(_name_key(name), [])
        if len(found) > 1:
            raise self.checker.rejected(
                record.row,
                "region",
                _("%(count)s regions are named so (codes %(codes)s): choose the region code column.")
                % {"count": len(found), "codes": ", ".join(region.code for region in found)},
                kind=_("Several regions have this name: choose the region code column."),
            )
        return found[0] if found else self._new_region(name)

    def _district(self, record: Record, region: Region | None) -> District | None:
        code, name = record.values.get("district_code", ""), record.values.get("district", "")
        if code:
            self._same_name(record, "district", code, name, "district")
            district = self.district_by_code.get(code)
            if district is None:
                return self._new_district(name or code, code=code, region=region or self._region_named(name or code))
        elif name:
            key = _name_key(name)
            if region is not None:
                found = self.districts_in.get((id(region), key), [])
                if len(found) > 1:
                    raise self.checker.rejected(
                        record.row,
                        "district",
                        _(
                            "Region “%(region)s” has %(count)s districts named so (codes %(codes)s): choose the "
                            "district code column."
                        )
                        % {
                            "region": region.name,
                            "count": len(found),
                            "codes": ", ".join(district.code for district in found),
                        },
                        kind=_("Several districts of the region have this name: choose the district code column."),
                    )
                return found[0] if found else self._new_district(name, region=region)
            found = self.districts_by_name.get(key, [])
            if len(found) > 1:
                raise self.checker.rejected(
                    record.row,
                    "district",
                    _(
                        "%(count)s districts are named so, in %(regions)s: choose the region or the district code "
                        "column."
                    )
                    % {"count": len(found), "regions": ", ".join(sorted({d.region.name for d in found}))},
                    kind=_("Several districts have this name: choose the region or the district code column."),
                )
            if not found:
                # Without a region column (Georgia's file has districts such as "25 წალკა" and nothing above them)
                # each new district gets a region of the same name, so coverage by region still means something;
                # a coordinator can group districts into real regions in the back office later.
                return self._new_district(name, region=self._region_named(name))
            district = found[0]
        else:
            return None
        if region is not None and district.region is not region:
            field_name = "region_code" if record.values.get("region_code") else "region"
            raise self.checker.rejected(
                record.row,
                field_name,
                _("District “%(district)s” (%(code)s) is in region “%(region)s”.")
                % {"district": district.name, "code": district.code, "region": district.region.name},
                kind=_(
                    "The district is in another region. If district codes repeat in each region, build the "
                    "district code from the region's and the district's, e.g. {region}-{district}."
                ),
            )
        return district

    def _region_named(self, name: str) -> Region:
        found = self.regions_by_name.get(_name_key(name), [])
        return found[0] if len(found) == 1 else self._new_region(name)

    def _new_region(self, name: str, *, code: str = "") -> Region:
        region = Region(mission=self.mission, name=name, code=code or code_from(name, taken=self.region_codes))
        self.region_codes.add(region.code)
        self.region_by_code[region.code] = region
        if not code:
            self.regions_by_name.setdefault(_name_key(name), []).append(region)
        self.new_regions.append(region)
        return region

    def _new_district(self, name: str, *, region: Region, code: str = "") -> District:
        district = District(
            mission=self.mission,
            region=region,
            name=name,
            code=code or code_from(name, taken=self.district_codes),
        )
        self.district_codes.add(district.code)
        self.district_by_code[district.code] = district
        if not code:
            self.districts_in.setdefault((id(region), _name_key(name)), []).append(district)
            self.districts_by_name.setdefault(_name_key(name), []).append(district)
        self.new_districts.append(district)
        return district
