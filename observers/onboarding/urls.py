"""Login links (/l/<key>/) and the coordinator's onboarding pages (/onboarding/)."""

from django.urls import path

from observers.onboarding import views as onboarding_views

app_name = "onboarding"

urlpatterns = [
    path("l/<str:key>/", onboarding_views.login_link, name="login-link"),
    path("onboarding/", onboarding_views.links_page, name="links"),
    path("onboarding/cards.pdf", onboarding_views.cards_pdf, name="cards"),
    path("onboarding/observers/<int:pk>/", onboarding_views.observer_page, name="observer"),
    path("onboarding/observers/<int:pk>/links/revoke/", onboarding_views.links_revoke, name="links-revoke"),
    path("onboarding/observers/<int:pk>/links/<int:link_pk>/revoke/", onboarding_views.link_revoke, name="link-revoke"),
    path("onboarding/observers/<int:pk>/tokens/revoke/", onboarding_views.tokens_revoke, name="tokens-revoke"),
]
