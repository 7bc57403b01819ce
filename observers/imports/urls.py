from django.urls import path

from observers.imports import views as import_views

app_name = "imports"
urlpatterns = [
    path("", import_views.index, name="index"),
    path("stations/done/", import_views.stations_done, name="stations-done"),
    path("stations/undo/", import_views.stations_undo, name="stations-undo"),
    path("<slug:kind>/", import_views.upload, name="upload"),
    path("<slug:kind>/columns/", import_views.map_columns, name="map"),
    path("<slug:kind>/preview/", import_views.preview, name="preview"),
    path("<slug:kind>/problems/", import_views.problems, name="problems"),
    path("<slug:kind>/problems.csv", import_views.problems_csv, name="problems-csv"),
]
