from django.urls import path

from reports.media import views

# Included with observers.media.urls under one namespace, "media" (config/urls.py).
urlpatterns = [
    path("results/", views.results, name="results"),
    path("results/items/", views.items, name="items"),
]
