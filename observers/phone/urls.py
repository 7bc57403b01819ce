"""The phone app under /app/ (the service worker's scope), and the API for files sent with a submission."""

from django.urls import path

from observers.api import attachments as attachments_api
from observers.phone import views as phone_views

app_name = "phone"

urlpatterns = [
    path("", phone_views.app_shell, name="app"),
    path("sw.js", phone_views.service_worker, name="service-worker"),
    path("manifest.webmanifest", phone_views.manifest, name="manifest"),
]

api_urlpatterns = [
    path("submissions/<uuid:uuid>/attachments/", attachments_api.AttachmentListApi.as_view(), name="api-attachments"),
    path(
        "submissions/<uuid:uuid>/attachments/<int:pk>/",
        attachments_api.AttachmentDownloadApi.as_view(),
        name="api-attachment",
    ),
]
