"""The API's pages: `?limit=&offset=` as DRF's LimitOffsetPagination, with a largest page.

Without one, `?limit=` of any size reached the database as its LIMIT, and a number past a bigint's range was a 500
(found by tests/fuzz/test_api_fuzz.py); a larger limit now gives the largest page.
"""

from rest_framework.pagination import LimitOffsetPagination


class Pages(LimitOffsetPagination):
    max_limit = 1000
