from django.urls import path

from reports.followup import views

app_name = "followup"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.assess, name="assess"),
]
