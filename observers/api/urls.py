from django.urls import path
from rest_framework.routers import SimpleRouter

from observers.api import checklists, plan, submissions, tokens

router = SimpleRouter()
router.register("submissions", submissions.SubmissionViewSet, basename="api-submission")
router.register("checklists", checklists.ChecklistViewSet, basename="api-checklist")

urlpatterns = [
    path("auth/token/", tokens.TokenObtainApi.as_view(), name="api-token"),
    path("auth/token/revoke/", tokens.TokenRevokeApi.as_view(), name="api-token-revoke"),
    path("plan/", plan.PlanApi.as_view(), name="api-plan"),
    *router.urls,
]
