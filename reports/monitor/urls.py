from django.urls import path

from reports.monitor import views as monitor_views

app_name = "monitor"

urlpatterns = [
    path("", monitor_views.index, name="index"),
    path("data.json", monitor_views.data, name="data"),
]
