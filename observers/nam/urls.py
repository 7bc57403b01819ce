"""Pages for the needs-assessment data, under /nam/."""

from django.urls import path

from observers.nam import views

app_name = "nam"

urlpatterns = [
    path("", views.commission_list, name="commissions"),
    path("commissions/new/", views.commission_create, name="commission-create"),
    path("commissions/<int:pk>/", views.commission_detail, name="commission"),
    path("commissions/<int:pk>/edit/", views.commission_edit, name="commission-edit"),
    path("commissions/<int:pk>/members/new/", views.member_create, name="member-create"),
    path("members/<int:pk>/edit/", views.member_edit, name="member-edit"),
    path("members/<int:pk>/delete/", views.member_delete, name="member-delete"),
    path("composition/", views.composition, name="composition"),
    path("organisations/", views.organisation_list, name="organisations"),
    path("organisations/new/", views.organisation_create, name="organisation-create"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation"),
    path("organisations/<int:pk>/edit/", views.organisation_edit, name="organisation-edit"),
    path("organisations/<int:pk>/people/new/", views.person_create, name="person-create"),
    path("people/<int:pk>/edit/", views.person_edit, name="person-edit"),
    path("meetings/", views.meeting_list, name="meetings"),
    path("meetings/new/", views.meeting_create, name="meeting-create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting-edit"),
    path("meetings/<int:pk>/invitations/", views.invitation_create, name="invitation-create"),
    path("invitations/<int:pk>/attendance/", views.invitation_attendance, name="invitation-attendance"),
    path("invitations/<int:pk>/delete/", views.invitation_delete, name="invitation-delete"),
]
