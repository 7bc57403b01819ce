from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from observers import mission_switch, phone_urls

from . import admin as _project_admin  # noqa: F401  (registers the apps' admin classes)
from . import health

api_v1 = [
    path("", include("observers.api_urls")),
    path("", include(phone_urls.api_urlpatterns)),
    path("", include("reports.api_urls")),
    path("", include("observers.onboarding_api")),
    path("nam/", include("observers.nam_api_urls")),
]

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("livez", health.livez, name="livez"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("missions/switch/", mission_switch.mission_switch, name="mission-switch"),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    path("reports/", include("reports.urls")),
    path("operations/", include("reports.ops_urls")),
    path("findings/", include("reports.findings_urls")),
    path("monitor/", include("reports.monitor_urls")),
    path("exports/", include("reports.export_urls")),
    path("deployment/", include("observers.team_urls")),
    path("nam/", include("observers.nam_urls")),
    path("forms/", include("observers.form_urls")),
    path("imports/", include("observers.import_urls")),
    path("app/", include(phone_urls)),
    path("", include("observers.onboarding_urls")),  # /l/<key>/, /onboarding/, /audit/
    path("", include("observers.urls")),
]

handler404 = "config.errors.not_found"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
