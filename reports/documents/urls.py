from django.urls import path

from reports.documents import views

app_name = "documents"

urlpatterns = [
    path("", views.index, name="index"),
    path("compilations/status/", views.compilation_status, name="compilation-status"),
    path("compilations/<int:pk>/pdf/", views.compilation_pdf, name="compilation-pdf"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/compile/", views.report_compile, name="compile"),
    path("<int:pk>/final/", views.report_mark, name="mark"),
    path("<int:pk>/preview/<str:language>/", views.report_preview, name="preview"),
    path("<int:pk>/sections/add/", views.section_create, name="section-add"),
    path("<int:pk>/sections/<int:section_pk>/", views.section_edit, name="section"),
    path("<int:pk>/sections/<int:section_pk>/move/", views.section_reorder, name="section-move"),
    path("<int:pk>/sections/<int:section_pk>/delete/", views.section_remove, name="section-delete"),
    path("<int:pk>/recommendations/add/", views.recommendation_create, name="recommendation-add"),
    path("<int:pk>/recommendations/<int:recommendation_pk>/", views.recommendation_edit, name="recommendation"),
    path(
        "<int:pk>/recommendations/<int:recommendation_pk>/move/",
        views.recommendation_reorder,
        name="recommendation-move",
    ),
    path(
        "<int:pk>/recommendations/<int:recommendation_pk>/delete/",
        views.recommendation_remove,
        name="recommendation-delete",
    ),
]
