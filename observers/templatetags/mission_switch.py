"""`{% mission_switcher %}`: a mission picker in the top bar, for people who belong to more than one mission."""

from django import template

from observers.permissions import current_membership, user_memberships

register = template.Library()


@register.inclusion_tag("partials/mission_switcher.html", takes_context=True)
def mission_switcher(context):
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return {"memberships": []}
    memberships = user_memberships(request)  # already read for the current membership: no extra query
    current = current_membership(request)
    return {
        "memberships": memberships if len(memberships) > 1 else [],
        "current_mission_id": current.mission_id if current else None,
        "request": request,
    }
