"""The audit page (/audit/): who did what to whom, for the mission's coordinators."""

from django.urls import path

from observers.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.audit_log, name="index"),
]
