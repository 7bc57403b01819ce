from tests.access.conftest import media_root, two_missions  # noqa: F401
