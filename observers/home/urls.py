from django.urls import path

from observers.home import views

urlpatterns = [
    path("", views.home, name="home"),
]
