from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("compilations/<int:pk>/pdf/", views.compilation_pdf, name="compilation-pdf"),
]
