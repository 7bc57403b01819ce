"""What the Content-Security-Policy and Permissions-Policy headers allow (config/settings/base.py sets them), and
what a page with a map adds.

The only other origin a page loads from is the map tile server, and only for images: its origin is taken from
LEAFLET_CONFIG["TILES"], so pointing MAP_TILES_URL at another server moves the policy with it.
"""

from urllib.parse import urlsplit

from csp.decorators import csp_update

# Leaflet stops the download of a tile it drops (scrolled away, or failed) by pointing it at a data: GIF.
MAP_IMAGES = {"img-src": ["data:"]}
map_page = csp_update(MAP_IMAGES)

# Powerful features no page uses; the phone app takes geolocation and camera back (observers/phone/views.py).
# Only features Chromium knows on every platform: it logs an error for an unknown one on every page (the browser
# tests fail on it). clipboard-write is left out: Swagger UI's "copy" buttons write to the clipboard.
DENIED_FEATURES = (
    "accelerometer",
    "autoplay",
    "browsing-topics",
    "camera",
    "clipboard-read",
    "display-capture",
    "encrypted-media",
    "fullscreen",
    "gamepad",
    "geolocation",
    "gyroscope",
    "hid",
    "idle-detection",
    "local-fonts",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "picture-in-picture",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "window-management",
    "xr-spatial-tracking",
)


def tile_sources(tiles) -> list[str]:
    """CSP sources for the tile URLs of django-leaflet's TILES setting: one URL, or (label, url[, options]) rows.
    A "{s}" subdomain becomes a wildcard; a tile URL on this site's own origin needs none."""
    urls = [tiles] if isinstance(tiles, str) else [row[1] for row in tiles or ()]
    sources = []
    for url in urls:
        parts = urlsplit(url)
        if not parts.scheme or not parts.netloc:
            continue
        host = ".".join("*" if label == "{s}" else label for label in parts.netloc.split("."))
        sources.append(f"{parts.scheme}://{host}")
    return list(dict.fromkeys(sources))
