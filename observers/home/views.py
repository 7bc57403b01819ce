from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from observers.deployment.selectors import published_team_plan
from observers.home.selectors import kinds_received, mission_numbers, team_submission_count
from observers.permissions import current_membership


@login_required
def home(request):
    membership = current_membership(request)
    if membership is None:
        return render(request, "home/no_mission.html", status=403)
    if membership.is_core:
        context = {
            "numbers": mission_numbers(mission=membership.mission),
            "kinds": kinds_received(mission=membership.mission),
        }
        return render(request, "home/core.html", context)
    team = membership.team
    context = {
        "team": team,
        "assignments": published_team_plan(team=team) if team else [],
        "sent": team_submission_count(team=team),
    }
    return render(request, "home/observer.html", context)
