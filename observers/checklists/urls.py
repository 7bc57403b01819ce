from django.urls import path

from observers.checklists import views as form_views

app_name = "checklists"

urlpatterns = [
    path("", form_views.form_list, name="list"),
    path("import/", form_views.form_import, name="import"),
    path("<int:pk>/", form_views.form_detail, name="detail"),
    path("<int:pk>/edit/", form_views.form_edit, name="edit"),
    path("<int:pk>/xlsform/", form_views.form_xlsform, name="xlsform"),
]
