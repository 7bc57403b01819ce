"""The authenticator app's setup QR code, as SVG markup put in the page (no image URL, no data: URL, no style)."""

import qrcode
import qrcode.image.svg
from django.utils.safestring import SafeString, mark_safe


def qr_svg(text: str) -> SafeString:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=8)
    markup = image.to_string(encoding="unicode")
    # qrcode's own markup of a text it encodes into path data: nothing of `text` appears in it as text.
    return mark_safe(markup.replace("<svg ", '<svg class="qr" role="img" ', 1))  # noqa: S308
