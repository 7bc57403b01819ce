from django.contrib import admin

from reports.models import Compilation, Report


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "mission"]


@admin.register(Compilation)
class CompilationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "language", "requested_at", "finished_at"]
    list_filter = ["status", "language"]
