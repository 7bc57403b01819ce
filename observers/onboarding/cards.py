"""The printed login cards, ten per A4 page (two by five): the observer's details, the link and its QR code."""

import base64
import io
from collections.abc import Callable, Sequence
from zoneinfo import ZoneInfo

import qrcode
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from PIL import Image
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

from mission.models import Mission
from observers.onboarding.services import IssuedLink
from observers.openrosa.collect_settings import collect_server_url, collect_settings_code

FONTS_DIR = settings.BASE_DIR / "static" / "fonts"
FONTS = [("normal", "DejaVuSans.ttf"), ("bold", "DejaVuSans-Bold.ttf")]
PER_ROW, ROWS = 2, 5


def qr_png_data_uri(text: str) -> str:
    """A QR code as a PNG of one pixel per module (the card's CSS scales it up, crisp)."""
    # A fixed mask skips scoring all eight masks, three quarters of the time spent; any mask scans.
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4, mask_pattern=2)
    code.add_data(text)
    code.make()
    matrix = code.get_matrix()
    size = len(matrix)
    pixels = bytes(0 if dark else 255 for row in matrix for dark in row)
    buffer = io.BytesIO()
    Image.frombytes("L", (size, size), pixels).convert("1").save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def login_cards_pdf(
    *, mission: Mission, links: Sequence[IssuedLink], link_url: Callable[[str], str], site: str = ""
) -> bytes:
    """The PDF of cards for freshly issued links; `link_url(key)` makes a key into the absolute address. A link
    with a Collect key gets ODK Collect's settings code beside the login code, its server at `site`."""
    zone = ZoneInfo(mission.time_zone)
    cards = []
    for link in links:
        url = link_url(link.key)
        cards.append(
            {
                "observer": link.observer,
                "url": url,
                "qr": qr_png_data_uri(url),
                "expires_at": timezone.localtime(link.expires_at, zone),
                "collect_qr": qr_png_data_uri(
                    collect_settings_code(
                        server_url=collect_server_url(site=site, key=link.collect_key, mission=mission),
                        project=mission.name,
                    )
                )
                if link.collect_key
                else "",
            }
        )
    html = render_to_string(
        "onboarding/cards.html",
        {
            "mission": mission,
            "pages": [
                [cards[row : row + PER_ROW] for row in range(page, min(page + PER_ROW * ROWS, len(cards)), PER_ROW)]
                for page in range(0, len(cards), PER_ROW * ROWS)
            ],
            "fonts": [{"weight": weight, "url": (FONTS_DIR / file).as_uri()} for weight, file in FONTS],
        },
    )
    fonts = FontConfiguration()
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(font_config=fonts)
