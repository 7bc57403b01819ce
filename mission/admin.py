from django.contrib import admin

from .models import District, Mission, Party, PollingStation, Region


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
