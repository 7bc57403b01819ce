from django.urls import path

from observers.imports import views as import_views

app_name = "imports"
urlpatterns = [
    path("", import_views.index, name="index"),
    path("<slug:kind>/", import_views.upload, name="upload"),
    path("<slug:kind>/columns/", import_views.map_columns, name="map"),
    path("<slug:kind>/preview/", import_views.preview, name="preview"),
]
