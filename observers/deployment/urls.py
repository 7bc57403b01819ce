from django.urls import path

from observers.deployment import sample_views, views

app_name = "deployment"

urlpatterns = [
    path("teams/", views.team_list, name="teams"),
    path("teams/new/", views.team_edit, name="team-new"),
    path("teams/<int:pk>/edit/", views.team_edit, name="team-edit"),
    path("plan/", views.plan, name="plan"),
    path("plan/propose/", views.plan_propose, name="plan-propose"),
    path("plan/publish/", views.plan_publish, name="plan-publish"),
    path("plan/withdraw/", views.plan_withdraw, name="plan-withdraw"),
    path("plan/proposals/<int:pk>/status.json", views.plan_proposal_status, name="proposal-status"),
    path("plan/proposals/<int:pk>/apply/", views.plan_proposal_apply, name="proposal-apply"),
    path("plan/proposals/<int:pk>/discard/", views.plan_proposal_discard, name="proposal-discard"),
    path("plan/teams/<int:pk>/", views.team_plan, name="team-plan"),
    path("plan/teams/<int:pk>/add/", views.team_plan_add, name="team-plan-add"),
    path("plan/teams/<int:pk>/pdf/", views.team_plan_pdf, name="team-plan-pdf"),
    path("plan/regions/<int:pk>/pdf/", views.region_plan_pdf_view, name="region-plan-pdf"),
    path("plan/assignments/<int:pk>/remove/", views.assignment_remove, name="assignment-remove"),
    path("plan/assignments/<int:pk>/move/", views.assignment_move, name="assignment-move"),
    path("plan/assignments/<int:pk>/purpose/", views.assignment_purpose, name="assignment-purpose"),
    path("sample/", sample_views.sample_page, name="sample"),
    path("sample/draw/", sample_views.sample_draw, name="sample-draw"),
    path("sample/remove/", sample_views.sample_remove, name="sample-remove"),
    path("sample/replace/", sample_views.sample_replace, name="sample-replace"),
    path("coverage/", views.coverage, name="coverage"),
    path("stations/", views.station_list, name="stations"),
    path("map/", views.map_page, name="map"),
    path("map/stations.json", views.map_stations_json, name="map-stations"),
    path("map/view.json", views.map_view_json, name="map-view"),
    path("map/teams/<int:pk>/route.json", views.map_route_json, name="map-route"),
]
