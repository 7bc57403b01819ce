from django.urls import path

from observers.media import views

# Included with reports.media.urls under one namespace, "media" (config/urls.py).
urlpatterns = [
    path("code/", views.code, name="code"),
    path("code/<int:pk>/again/", views.recheck, name="recheck"),
    path("sample/", views.sample, name="sample"),
    path("sample/<slug:what>/add/", views.sample_add, name="sample-add"),
    path("sample/<slug:what>/<int:pk>/edit/", views.sample_edit, name="sample-edit"),
    path("sample/assignments/<int:pk>/delete/", views.assignment_delete, name="assignment-delete"),
    path("sample/subjects/from-parties/", views.subjects_from_parties, name="subjects-from-parties"),
    path("agreement/", views.agreement, name="agreement"),
    path("agreement/<int:pk>/settle/", views.reconcile, name="reconcile"),
]
