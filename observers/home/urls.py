"""The start page of each role, and the switch between the missions a person belongs to."""

from django.urls import path

from observers.home import mission_switch, views

app_name = "home"

urlpatterns = [
    path("", views.home, name="index"),
    path("missions/switch/", mission_switch.mission_switch, name="mission-switch"),
]
