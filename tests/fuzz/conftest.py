from tests.access.conftest import media_root, two_missions  # noqa: F401
from tests.observers.conftest import day  # noqa: F401  (the OpenRosa fuzz test's election day)
