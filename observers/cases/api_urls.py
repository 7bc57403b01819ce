from rest_framework.routers import SimpleRouter

from observers.cases.api import CaseFileViewSet

router = SimpleRouter()
router.register("cases", CaseFileViewSet, basename="api-case")
urlpatterns = router.urls
