from django.urls import path

from . import monitor_views

app_name = "monitor"

urlpatterns = [
    path("", monitor_views.index, name="index"),
    path("data.json", monitor_views.data, name="data"),
]
