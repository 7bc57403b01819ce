"""Pages for the needs-assessment data: election commissions and their members, interlocutors, meetings.

Coordinators and analysts see and edit them (analysts write the NAM material); observers get 403. Everything is
scoped to the user's current mission: another mission's record is a 404.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mission import selectors
from mission.models import (
    CommissionLevel,
    CommissionMember,
    ElectionCommission,
    Invitation,
    Meeting,
    Organisation,
    Person,
)
from mission.services import administration, interlocutors
from observers.nam.forms import (
    AttendanceForm,
    CommissionForm,
    InvitationForm,
    MeetingForm,
    MemberForm,
    OrganisationForm,
    PersonForm,
)
from observers.permissions import core_required

COMMISSIONS_PER_PAGE = 100


def _submit(request, form, save):
    """Validate a bound `form` and `save(cleaned_data)`: the saved object, or None with the errors on the form."""
    if not (form.is_bound and form.is_valid()):
        return None
    try:
        saved = save(form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, error)
        return None
    messages.success(request, _("Saved."))
    return saved


def _form_page(request, instance, form_class, save, *, title: str, back: str, done=None):
    """The form for `instance` (new or existing); a valid POST calls `save(cleaned_data)`, which returns the saved
    object, then goes to `done(saved)` (default: `back`). Errors, the services' included, are a 400 with the form."""
    form = form_class(
        request.POST if request.method == "POST" else None, mission=request.membership.mission, instance=instance
    )
    saved = _submit(request, form, save)
    if saved is not None:
        return redirect(done(saved) if done else back)
    status = 400 if form.is_bound else 200
    return render(request, "nam/form.html", {"form": form, "title": title, "back": back}, status=status)


def _editing(name: str) -> str:
    return _("Edit %(name)s") % {"name": name}


def _level(request) -> str | None:
    level = request.GET.get("level")
    return level if level in CommissionLevel.values else None


# Election commissions


@core_required
def commission_list(request):
    level = _level(request)
    commissions = selectors.commission_list(mission=request.membership.mission, level=level)
    page = Paginator(commissions, COMMISSIONS_PER_PAGE).get_page(request.GET.get("page"))
    query = urlencode({"level": level}) if level else ""
    context = {"page": page, "level": level, "levels": CommissionLevel.choices, "query": query}
    return render(request, "nam/commission_list.html", context)


@core_required
def commission_create(request):
    mission = request.membership.mission
    return _form_page(
        request,
        ElectionCommission(mission=mission),
        CommissionForm,
        lambda data: administration.commission_create(mission=mission, **data),
        title=_("New election commission"),
        back=reverse("nam:commissions"),
        done=lambda commission: reverse("nam:commission", args=[commission.pk]),
    )


@core_required
def commission_edit(request, pk):
    commission = get_object_or_404(ElectionCommission, pk=pk, mission=request.membership.mission)
    return _form_page(
        request,
        commission,
        CommissionForm,
        lambda data: administration.commission_update(commission=commission, **data),
        title=_editing(commission.label()),
        back=reverse("nam:commission", args=[pk]),
    )


@core_required
def commission_detail(request, pk):
    commission = get_object_or_404(
        ElectionCommission.objects.select_related("region", "district", "polling_station", "parent"),
        pk=pk,
        mission=request.membership.mission,
    )
    members = selectors.commission_members(commission=commission)
    return render(request, "nam/commission_detail.html", {"commission": commission, "members": members})


@core_required
def member_create(request, pk):
    commission = get_object_or_404(ElectionCommission, pk=pk, mission=request.membership.mission)
    return _form_page(
        request,
        CommissionMember(commission=commission),
        MemberForm,
        lambda data: administration.commission_member_create(commission=commission, **data),
        title=_("New member of %(name)s") % {"name": commission.label()},
        back=reverse("nam:commission", args=[pk]),
    )


def _member(request, pk) -> CommissionMember:
    return get_object_or_404(
        CommissionMember.objects.select_related("commission"), pk=pk, commission__mission=request.membership.mission
    )


@core_required
def member_edit(request, pk):
    member = _member(request, pk)
    return _form_page(
        request,
        member,
        MemberForm,
        lambda data: administration.commission_member_update(member=member, **data),
        title=_editing(member.full_name),
        back=reverse("nam:commission", args=[member.commission_id]),
    )


@core_required
@require_POST
def member_delete(request, pk):
    member = _member(request, pk)
    administration.commission_member_delete(member=member)
    messages.success(request, _("%(name)s removed.") % {"name": member.full_name})
    return redirect("nam:commission", pk=member.commission_id)


@core_required
def composition(request):
    level = _level(request)
    blocks = selectors.composition_by_party(mission=request.membership.mission, level=level)
    context = {"blocks": blocks, "level": level, "levels": CommissionLevel.choices}
    return render(request, "nam/composition.html", context)


# Interlocutors


@core_required
def organisation_list(request):
    organisations = selectors.organisation_list(mission=request.membership.mission)
    return render(request, "nam/organisation_list.html", {"organisations": organisations})


@core_required
def organisation_create(request):
    mission = request.membership.mission
    return _form_page(
        request,
        Organisation(mission=mission),
        OrganisationForm,
        lambda data: interlocutors.organisation_create(mission=mission, **data),
        title=_("New organisation"),
        back=reverse("nam:organisations"),
        done=lambda organisation: reverse("nam:organisation", args=[organisation.pk]),
    )


@core_required
def organisation_edit(request, pk):
    organisation = get_object_or_404(Organisation, pk=pk, mission=request.membership.mission)
    return _form_page(
        request,
        organisation,
        OrganisationForm,
        lambda data: interlocutors.organisation_update(organisation=organisation, **data),
        title=_editing(organisation.label()),
        back=reverse("nam:organisation", args=[pk]),
    )


@core_required
def organisation_detail(request, pk):
    organisation = get_object_or_404(
        Organisation.objects.select_related("party"), pk=pk, mission=request.membership.mission
    )
    context = {
        "organisation": organisation,
        "people": organisation.people.all(),
        "invitations": selectors.organisation_invitations(organisation=organisation),
    }
    return render(request, "nam/organisation_detail.html", context)


@core_required
def person_create(request, pk):
    organisation = get_object_or_404(Organisation, pk=pk, mission=request.membership.mission)
    return _form_page(
        request,
        Person(organisation=organisation),
        PersonForm,
        lambda data: interlocutors.person_create(organisation=organisation, **data),
        title=_("New person at %(name)s") % {"name": organisation.label()},
        back=reverse("nam:organisation", args=[pk]),
    )


@core_required
def person_edit(request, pk):
    person = get_object_or_404(Person, pk=pk, organisation__mission=request.membership.mission)
    return _form_page(
        request,
        person,
        PersonForm,
        lambda data: interlocutors.person_update(person=person, **data),
        title=_editing(person.full_name),
        back=reverse("nam:organisation", args=[person.organisation_id]),
    )


# Meetings


@core_required
def meeting_list(request):
    meetings = selectors.meeting_programme(mission=request.membership.mission)
    return render(request, "nam/meeting_list.html", {"meetings": meetings})


@core_required
def meeting_create(request):
    mission = request.membership.mission
    return _form_page(
        request,
        Meeting(mission=mission),
        MeetingForm,
        lambda data: interlocutors.meeting_create(mission=mission, **data),
        title=_("New meeting"),
        back=reverse("nam:meetings"),
        done=lambda meeting: reverse("nam:meeting", args=[meeting.pk]),
    )


def _meeting(request, pk) -> Meeting:
    return get_object_or_404(Meeting, pk=pk, mission=request.membership.mission)


@core_required
def meeting_edit(request, pk):
    meeting = _meeting(request, pk)
    return _form_page(
        request,
        meeting,
        MeetingForm,
        lambda data: interlocutors.meeting_update(meeting=meeting, **data),
        title=_editing(meeting.label()),
        back=reverse("nam:meeting", args=[pk]),
    )


def _meeting_page(request, meeting: Meeting, *, invite_form=None, bound: AttendanceForm | None = None):
    """The meeting with a row per invitation (an attendance form each) and the form to invite one more."""
    rows = [
        (
            invitation,
            bound
            if bound and bound.instance.pk == invitation.pk
            else AttendanceForm(instance=invitation, prefix=f"i{invitation.pk}"),
        )
        for invitation in selectors.meeting_invitations(meeting=meeting)
    ]
    invite_form = invite_form or InvitationForm(organisations=selectors.organisations_not_invited(meeting=meeting))
    context = {"meeting": meeting, "rows": rows, "invite_form": invite_form}
    status = 400 if (bound and bound.errors) or invite_form.errors else 200
    return render(request, "nam/meeting_detail.html", context, status=status)


@core_required
def meeting_detail(request, pk):
    return _meeting_page(request, _meeting(request, pk))


def _post_to_meeting(request, meeting: Meeting, form, save, **page_kwargs):
    """Submit `form` (see `_submit`), then back to the meeting; with errors, the meeting page shows them (400)."""
    if _submit(request, form, save) is not None:
        return redirect("nam:meeting", pk=meeting.pk)
    return _meeting_page(request, meeting, **page_kwargs)


@core_required
@require_POST
def invitation_create(request, pk):
    meeting = _meeting(request, pk)
    form = InvitationForm(request.POST, organisations=selectors.organisations_not_invited(meeting=meeting))
    return _post_to_meeting(
        request, meeting, form, lambda data: interlocutors.invitation_create(meeting=meeting, **data), invite_form=form
    )


def _invitation(request, pk) -> Invitation:
    return get_object_or_404(
        Invitation.objects.select_related("meeting", "organisation"), pk=pk, meeting__mission=request.membership.mission
    )


@core_required
@require_POST
def invitation_attendance(request, pk):
    invitation = _invitation(request, pk)
    form = AttendanceForm(request.POST, instance=invitation, prefix=f"i{invitation.pk}")
    return _post_to_meeting(
        request,
        invitation.meeting,
        form,
        lambda data: interlocutors.invitation_attendance_set(invitation=invitation, **data),
        bound=form,
    )


@core_required
@require_POST
def invitation_delete(request, pk):
    invitation = _invitation(request, pk)
    interlocutors.invitation_delete(invitation=invitation)
    messages.success(request, _("%(name)s is no longer invited.") % {"name": invitation.organisation.label()})
    return redirect("nam:meeting", pk=invitation.meeting_id)
