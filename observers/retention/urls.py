"""The retention page (/retention/): closing the mission and erasing its observers' personal data."""

from django.urls import path

from observers.retention import views

app_name = "retention"

urlpatterns = [
    path("", views.index, name="index"),
    path("close/", views.close, name="close"),
    path("erase/", views.erase, name="erase"),
]
