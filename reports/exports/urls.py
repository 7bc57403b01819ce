from django.urls import path

from reports.exports import views as export_views

app_name = "exports"

urlpatterns = [
    path("", export_views.index, name="index"),
    path("submissions.csv", export_views.download, {"table": "submissions", "fmt": "csv"}, name="submissions-csv"),
    path("submissions.xlsx", export_views.download, {"table": "submissions", "fmt": "xlsx"}, name="submissions-xlsx"),
    path(
        "polling-stations.csv", export_views.download, {"table": "polling-stations", "fmt": "csv"}, name="stations-csv"
    ),
    path(
        "polling-stations.geojson",
        export_views.download,
        {"table": "polling-stations", "fmt": "geojson"},
        name="stations-geojson",
    ),
    path("deployment.csv", export_views.download, {"table": "deployment", "fmt": "csv"}, name="deployment-csv"),
    path(
        "deployment.geojson",
        export_views.download,
        {"table": "deployment", "fmt": "geojson"},
        name="deployment-geojson",
    ),
]
