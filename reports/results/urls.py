from django.urls import path

from reports.results import views

app_name = "results"

urlpatterns = [
    path("", views.index, name="index"),
    path("counts/<int:pk>/", views.count, name="count"),
    path("photos/<int:pk>/", views.photo, name="photo"),
    path("official/", views.official, name="official"),
    path("imports/", views.imports, name="imports"),
    path("imports/<int:pk>/", views.import_detail, name="import"),
]
