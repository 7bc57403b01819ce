from django.urls import path

from reports.operations import views as ops_views

app_name = "operations"

urlpatterns = [
    path("jobs/", ops_views.jobs, name="jobs"),
    path("jobs/retry/", ops_views.jobs_retry, name="jobs-retry"),
]
