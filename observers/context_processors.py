from observers.permissions import current_membership


def membership(request):
    """`membership` and `mission` for every template."""
    member = current_membership(request) if hasattr(request, "user") else None
    return {"membership": member, "mission": member.mission if member else None}
