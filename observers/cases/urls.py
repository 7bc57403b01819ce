from django.urls import path

from observers.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.case_create, name="create"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/edit/", views.case_edit, name="edit"),
    path("<int:pk>/appeal/", views.case_appeal, name="appeal"),
    path("<int:pk>/documents/", views.document_add, name="document-add"),
    path("<int:pk>/documents/<int:document_pk>/", views.document, name="document"),
]
