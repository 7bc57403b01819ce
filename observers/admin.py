from django import forms
from django.contrib import admin

from observers.checklists.services import questions_problems
from observers.models import Assignment, Checklist, Observer, Submission, Team


@admin.register(Observer)
class ObserverAdmin(admin.ModelAdmin):
    list_display = ["full_name", "role", "team", "mission"]
    list_filter = ["mission", "role"]
    search_fields = ["full_name", "user__username"]
    raw_id_fields = ["user", "team"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["code", "kind", "parent", "mission"]
    list_filter = ["mission", "kind"]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["team", "order", "polling_station", "purpose"]
    raw_id_fields = ["team", "polling_station"]


class ChecklistAdminForm(forms.ModelForm):
    class Meta:
        model = Checklist
        fields = ["mission", "kind", "version", "title", "questions"]

    def clean_questions(self):
        problems = questions_problems(self.cleaned_data["questions"])
        if problems:
            raise forms.ValidationError(problems)
        return self.cleaned_data["questions"]


@admin.register(Checklist)
class ChecklistAdmin(admin.ModelAdmin):
    """Forms are published in the form editor; here a version with submissions is read-only."""

    form = ChecklistAdminForm
    list_display = ["kind", "version", "mission", "published_at"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.submissions.exists():
            return ["mission", "kind", "version", "title", "questions"]
        return []


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ["uuid", "checklist", "team", "polling_station", "observed_at", "received_at"]
    list_filter = ["mission", "checklist__kind"]
    raw_id_fields = ["checklist", "team", "observer", "polling_station"]
