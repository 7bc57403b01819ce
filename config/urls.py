from csp.decorators import csp_update
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from config import admin as project_admin  # also registers the apps' admin classes
from config import health
from observers.accounts.login import PasswordLoginView
from observers.media import urls as media_urls
from observers.phone import urls as phone_urls
from reports.media import urls as media_results_urls

api_v1 = [
    path("", include("observers.api.urls")),
    path("", include(phone_urls.api_urlpatterns)),
    path("", include("reports.documents.api_urls")),
    path("", include("observers.onboarding.api")),
    path("nam/", include("observers.nam.api_urls")),
    path("", include("observers.cases.api_urls")),
]

# Swagger UI with its start script served from the same address (?script), not inline; its icons are data: images.
api_docs = csp_update({"img-src": "data:"})(
    SpectacularSwaggerSplitView.as_view(url_name="schema", template_name="api/swagger_ui.html")
)

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("livez", health.livez, name="livez"),
    # The admin's own login page would skip ours (its limits and second factor): it sends to ours.
    path("admin/login/", project_admin.login, name="admin-login"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/login/", PasswordLoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include("observers.accounts.urls")),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", api_docs, name="api-docs"),
    path("reports/", include("reports.documents.urls")),
    path("operations/", include("reports.operations.urls")),
    path("findings/", include("reports.findings.urls")),
    path("results/", include("reports.results.urls")),
    path("monitor/", include("reports.monitor.urls")),
    path("exports/", include("reports.exports.urls")),
    path("deployment/", include("observers.deployment.urls")),
    path("nam/", include("observers.nam.urls")),
    path("forms/", include("observers.checklists.urls")),
    path("openrosa/", include("observers.openrosa.urls")),
    path("imports/", include("observers.imports.urls")),
    path("cases/", include("observers.cases.urls")),
    path("candidates/", include("observers.candidates.urls")),
    path("record/", include("reports.record.urls")),
    path("followup/", include("reports.followup.urls")),
    path("reports/drafting/", include("reports.drafting.urls")),
    path("app/", include(phone_urls)),
    path("audit/", include("observers.audit.urls")),
    path("retention/", include("observers.retention.urls")),
    path("media-monitoring/", include(([*media_urls.urlpatterns, *media_results_urls.urlpatterns], "media"))),
    path("", include("observers.onboarding.urls")),  # /l/<key>/, /onboarding/
    path("", include("observers.home.urls")),
]

handler404 = "config.errors.not_found"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
