"""OpenRosa 1.0 for ODK Collect and Enketo: /openrosa/m/<mission>/ (password or session) and
/openrosa/key/<key>/m/<mission>/ (the login card's address). Collect adds formList and submission itself."""

from django.urls import path

from observers.openrosa import views

app_name = "openrosa"

_ROUTES = [
    ("formList", views.form_list, "form-list"),
    ("forms/<int:pk>/form.xml", views.form_xml, "form"),
    ("forms/<int:pk>/manifest", views.manifest, "manifest"),
    ("forms/<int:pk>/stations.csv", views.stations, "stations"),
    ("submission", views.submission, "submission"),
]

urlpatterns = [
    *(path(f"m/<slug:slug>/{route}", view, name=name) for route, view, name in _ROUTES),
    *(path(f"key/<str:key>/m/<slug:slug>/{route}", view, name=f"key-{name}") for route, view, name in _ROUTES),
]
