from django.contrib import admin

from mission.models import Contestant, District, Mission, Party, PollingStation, Region, ResultsImport


@admin.register(Mission)
class MissionAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "election_date", "mission_type", "is_demo"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_ru", "name_kk", "mission"]
    list_filter = ["mission"]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "region"]
    list_filter = ["mission"]


@admin.register(PollingStation)
class PollingStationAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "region", "district", "registered_voters"]
    list_filter = ["mission"]
    search_fields = ["code", "name", "address"]
    raw_id_fields = ["region", "district"]


@admin.register(Party)
class PartyAdmin(admin.ModelAdmin):
    list_display = ["name", "abbreviation", "mission"]


# Election administration, interlocutors and meetings (needs-assessment data).
from mission.models import CommissionMember, ElectionCommission, Invitation, Meeting, Organisation, Person  # noqa: E402


class CommissionMemberInline(admin.TabularInline):
    model = CommissionMember
    extra = 0
    raw_id_fields = ["nominated_by"]


@admin.register(ElectionCommission)
class ElectionCommissionAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "region", "size", "mission"]
    list_filter = ["mission", "level"]
    search_fields = ["name", "name_ru", "name_kk"]
    raw_id_fields = ["region", "district", "polling_station", "parent"]
    inlines = [CommissionMemberInline]


class PersonInline(admin.TabularInline):
    model = Person
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "category", "party", "mission"]
    list_filter = ["mission", "category"]
    search_fields = ["name", "name_ru", "name_kk"]
    inlines = [PersonInline]


class InvitationInline(admin.TabularInline):
    model = Invitation
    extra = 0
    raw_id_fields = ["organisation"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["date", "starts_at", "ends_at", "city", "name", "mission"]
    list_filter = ["mission", "city"]
    date_hierarchy = "date"
    inlines = [InvitationInline]


@admin.register(Contestant)
class ContestantAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "district", "number", "seats"]
    list_filter = ["mission", "kind"]
    search_fields = ["code", "name", "name_ru", "name_kk"]
    raw_id_fields = ["district", "party"]


@admin.register(ResultsImport)
class ResultsImportAdmin(admin.ModelAdmin):
    list_display = ["imported_at", "source", "filename", "mission", "is_demo"]
    list_filter = ["mission"]
