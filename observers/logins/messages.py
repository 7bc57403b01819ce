"""What a refused login says, on the web page and to the phone."""

from django.utils.translation import gettext, ngettext


def address_wait_message(wait: int) -> str:
    minutes = max(1, -(-wait // 60))
    return ngettext(
        "Too many failed logins from your network: try again in %(minutes)d minute.",
        "Too many failed logins from your network: try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


def locked_out_message() -> str:
    return gettext("Too many failed logins: logging in is locked for a while. Try again later or ask your coordinator.")
