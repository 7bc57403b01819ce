from tests.access.conftest import media_root  # noqa: F401
