"""API for the needs-assessment data, under /api/v1/nam/."""

from rest_framework.routers import SimpleRouter

from observers.nam import api as nam_api

router = SimpleRouter()
router.register("commissions", nam_api.CommissionViewSet, basename="nam-commission")
router.register("composition", nam_api.CompositionViewSet, basename="nam-composition")
router.register("meetings", nam_api.MeetingViewSet, basename="nam-meeting")

urlpatterns = router.urls
