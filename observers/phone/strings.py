"""The phone app's interface strings. Marked for gettext here and sent to the app in every language at once,
so the app can switch language offline. `{name}` placeholders are filled in by the app."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

STRINGS = {
    "app_name": _("Observer"),
    "log_in": _("Log in"),
    "log_out": _("Log out"),
    "username": _("Username"),
    "password": _("Password"),
    "wrong_login": _("Wrong username or password: check both and try again."),
    "login_needs_network": _("No connection. Logging in needs the network once; forms can then be filled offline."),
    "session_expired": _("Your session has expired: log in again. Unsent forms are kept."),
    "not_an_observer": _("This app is for observers in a team. Use the website for the core team's work."),
    "team": _("Team {code}"),
    "offline": _("Offline"),
    "waiting": _("{n} waiting"),
    "send_now": _("Send now"),
    "plan": _("Today's plan"),
    "no_plan": _("Your team has no stations planned yet."),
    "area": _("Area: {regions}"),
    "km_away": _("{km} km away"),
    "m_away": _("{m} m away"),
    "no_position": _("Distances appear when the phone's location is on."),
    "no_coordinates": _("No map position"),
    "report_incident": _("Report an incident"),
    "drafts": _("Drafts"),
    "needs_attention": _("Needs attention"),
    "sent_forms": _("Sent forms"),
    "nothing_sent": _("Nothing sent yet."),
    "back": _("Back"),
    "purpose_opening": _("Opening"),
    "purpose_voting": _("Voting"),
    "purpose_counting": _("Counting"),
    "other_forms": _("Other forms"),
    "open_map": _("Open in maps"),
    "station": _("Polling station"),
    "no_station": _("No particular station"),
    "yes": _("Yes"),
    "no": _("No"),
    "na": _("Not applicable"),
    "now": _("Now"),
    "required": _("Required"),
    "send": _("Send"),
    "save_draft": _("Save for later"),
    "delete_draft": _("Delete this form"),
    "confirm_delete": _("Delete this form? It has not been sent."),
    "confirm_logout": _("{n} forms are not sent yet. They stay on this phone and are sent after you log in again."),
    "fix_errors": _("Some answers need fixing: see the questions marked in red."),
    "sent_ok": _("Sent."),
    "queued_offline": _("Saved on the phone: it will be sent when the connection returns."),
    "server_refused": _("The server refused this form: {detail}"),
    "server_fix": _("The server refused some answers: correct the questions marked in red and send again."),
    "conflict": _("This form was already sent with different answers. Check it and send it again as a new form."),
    "photo": _("Photo of the results protocol"),
    "photo_incident": _("Photo or document (optional)"),
    "add_photo": _("Take or choose a photo"),
    "remove": _("Remove"),
    "photo_waiting": _("photo waiting"),
    "photo_refused": _("Photo refused: {detail}"),
    "status_draft": _("Draft"),
    "status_queued": _("Waiting to be sent"),
    "status_sent": _("Sent"),
    "status_attention": _("Needs attention"),
    "sent_by_team": _("Sent by your team"),
    "mission_time": _("Mission time: {time} ({zone})"),
    "zone_differs": _(
        "This phone is set to another time zone ({phone}). Times in the app are mission time ({zone}); "
        "times you enter are too."
    ),
    "plan_progress": _("{done} of {total} stations sent"),
    "mark_draft": _("Draft"),
    "mark_waiting": _("Waiting"),
    "mark_sent": _("Sent"),
    "mark_sent_back": _("Sent back"),
    "section_of": _("Section {n} of {total}"),
    "err_required": _("Please answer this question."),
    "err_integer": _("Enter a whole number."),
    "err_min": _("Must be at least {min}."),
    "err_max": _("Must be at most {max}."),
    "err_time": _("Enter a time as HH:MM."),
    "err_text_length": _("At most {max} characters."),
    "err_not_more": _("Cannot be more than “{other}” ({value})."),
    "err_not_less": _("Cannot be less than “{other}” ({value})."),
    "err_votes": _("Enter the votes of: {names} (0 where none)."),
    "err_sum": _("Must equal {parts} = {sum}: check the figures you copied."),
}


def strings_by_language() -> dict[str, dict[str, str]]:
    """{language code: {key: text}} for every language of the site."""
    catalogue = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            catalogue[code] = {key: str(text) for key, text in STRINGS.items()}
    return catalogue
