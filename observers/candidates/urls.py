from django.urls import path

from observers.candidates import views

app_name = "candidates"
urlpatterns = [
    path("", views.index, name="index"),
    path("list/", views.candidate_list, name="list"),
]
