from django.urls import path
from rest_framework.routers import SimpleRouter

from observers.api import views as api

router = SimpleRouter()
router.register("submissions", api.SubmissionViewSet, basename="api-submission")
router.register("checklists", api.ChecklistViewSet, basename="api-checklist")

urlpatterns = [
    path("auth/token/", api.TokenObtainApi.as_view(), name="api-token"),
    path("auth/token/revoke/", api.TokenRevokeApi.as_view(), name="api-token-revoke"),
    path("plan/", api.PlanApi.as_view(), name="api-plan"),
    *router.urls,
]
