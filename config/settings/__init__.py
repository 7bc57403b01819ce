"""Settings: base, local (development), test, production (the default for wsgi and Celery)."""
