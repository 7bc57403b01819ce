"""The import pages (stations and the roster): upload, map columns, preview, import all or nothing. They live
here, not in `mission`, because they need the permission helpers; the roster's own rules are in roster.py."""
