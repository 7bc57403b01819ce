from django.urls import path

from reports.record import views

app_name = "record"
urlpatterns = [
    path("", views.index, name="index"),
    path("reports/", views.reports_behind, name="reports"),
    path("meetings/", views.meetings, name="meetings"),
    path("meetings/new/", views.meeting_create, name="meeting-create"),
    path("report/<int:pk>/period/", views.report_period, name="report-period"),
]
