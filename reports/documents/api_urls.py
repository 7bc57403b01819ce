from rest_framework.routers import SimpleRouter

from reports.documents import api

router = SimpleRouter()
router.register("reports/compilations", api.CompilationViewSet, basename="api-compilation")
router.register("reports/reports", api.ReportViewSet, basename="api-report")

urlpatterns = router.urls
