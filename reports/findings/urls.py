from django.urls import path

from reports.findings import views

app_name = "findings"

urlpatterns = [
    path("", views.index, name="index"),
    path("submissions/", views.submissions, name="submissions"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission"),
    path("submissions/<int:pk>/review/", views.submission_review, name="review"),
    path("<slug:kind>/", views.kind_findings, name="kind"),
]
