from django.urls import path

from reports.drafting import views

app_name = "drafting"

urlpatterns = [
    path("<int:pk>/sections/<int:section_pk>/", views.section_draft, name="section"),
    path("<int:pk>/freeze/", views.freeze, name="freeze"),
    path("<int:pk>/unfreeze/", views.unfreeze, name="unfreeze"),
]
