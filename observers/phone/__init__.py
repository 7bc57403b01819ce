"""The observers' phone app: its shell page, service worker (a rendered prelude before static/phone/sw-main.js),
web app manifest and interface strings. Everything it shows comes through the API."""
